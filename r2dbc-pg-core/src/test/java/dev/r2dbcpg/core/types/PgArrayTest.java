package dev.r2dbcpg.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgArrayTest {

    @Test
    void printsPostgresSyntaxWithTheBoundsPrefixOnlyWhenNeeded() {
        assertThat(PgArray.of(List.of(1, 2))).hasToString("{1,2}");
        assertThat(PgArray.of(new int[] {2}, new int[] {2}, List.of(1, 2))).hasToString("[2:3]={1,2}");
        assertThat(PgArray.of(new int[] {2, 2}, new int[] {1, 0}, Arrays.asList("a b", null, "NULL", "")))
                .hasToString("[1:2][0:1]={{\"a b\",NULL},{\"NULL\",\"\"}}");
        assertThat(PgArray.of(List.of("x\"\\y"))).hasToString("{\"x\\\"\\\\y\"}");
        assertThat(PgArray.empty()).hasToString("{}");
        assertThat(PgArray.of(List.of())).isSameAs(PgArray.empty());
    }

    @Test
    void subscriptsStartAtTheLowerBounds() {
        PgArray array = PgArray.of(new int[] {2, 3}, new int[] {-1, 5}, List.of(1, 2, 3, 4, 5, 6));
        assertThat(array.get(-1, 5)).isEqualTo(1);
        assertThat(array.get(0, 7)).isEqualTo(6);
        assertThat(array.ndims()).isEqualTo(2);
        assertThatThrownBy(() -> array.get(1, 5)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("[-1:0]");
        assertThatThrownBy(() -> array.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void equalityComparesShapeBoundsAndElementsByContent() {
        PgArray a = PgArray.of(new int[] {1}, new int[] {0}, List.<Object>of(new byte[] {1}));
        assertThat(a).isEqualTo(PgArray.of(new int[] {1}, new int[] {0}, List.<Object>of(new byte[] {1})))
                .hasSameHashCodeAs(PgArray.of(new int[] {1}, new int[] {0}, List.<Object>of(new byte[] {1})));
        assertThat(a).isNotEqualTo(PgArray.of(List.<Object>of(new byte[] {1})));
        int[] dims = {1};
        PgArray b = PgArray.of(dims, new int[] {1}, List.of(1));
        dims[0] = 5;
        assertThat(b.dimensions()).containsExactly(1);
    }

    @Test
    void rejectsShapesThatDoNotFit() {
        assertThatThrownBy(() -> PgArray.of(new int[] {2}, new int[] {1}, List.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 2 elements");
        assertThatThrownBy(() -> PgArray.of(new int[] {1, 1}, new int[] {1}, List.of(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgArray.of(new int[] {2}, new int[] {Integer.MAX_VALUE}, List.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgArray.of(new int[7], new int[7], List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 6");
    }
}
