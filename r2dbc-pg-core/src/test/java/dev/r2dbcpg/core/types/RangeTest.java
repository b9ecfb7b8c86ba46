package dev.r2dbcpg.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RangeTest {

    @Test
    void containsRespectsInclusivityAndInfiniteBounds() {
        Range<Integer> r = Range.closedOpen(1, 5);
        assertThat(r.contains(1)).isTrue();
        assertThat(r.contains(4)).isTrue();
        assertThat(r.contains(5)).isFalse();
        assertThat(r.contains(0)).isFalse();
        assertThat(Range.open(1, 5).contains(1)).isFalse();
        assertThat(Range.closed(1, 5).contains(5)).isTrue();
        assertThat(Range.<Integer>closedOpen(null, 5).contains(Integer.MIN_VALUE)).isTrue();
        assertThat(Range.<Integer>closedOpen(1, null).contains(Integer.MAX_VALUE)).isTrue();
        assertThat(Range.<Integer>unbounded().contains(42)).isTrue();
        assertThat(Range.<Integer>empty().contains(42)).isFalse();
    }

    @Test
    void subsetAndSupersetCompareBoundsLikePostgres() {
        Range<Integer> outer = Range.closedOpen(1, 10);
        assertThat(Range.closedOpen(2, 5).isSubsetOf(outer)).isTrue();
        assertThat(outer.isSupersetOf(Range.closedOpen(2, 5))).isTrue();
        assertThat(outer.isSubsetOf(outer)).isTrue();
        // '(1,10)' <@ '[1,10)' but not the other way round
        assertThat(Range.open(1, 10).isSubsetOf(outer)).isTrue();
        assertThat(outer.isSubsetOf(Range.open(1, 10))).isFalse();
        // '[1,10]' is not within '[1,10)'
        assertThat(Range.closed(1, 10).isSubsetOf(outer)).isFalse();
        assertThat(Range.closedOpen(0, 5).isSubsetOf(outer)).isFalse();
        assertThat(outer.isSubsetOf(Range.unbounded())).isTrue();
        assertThat(Range.<Integer>closedOpen(null, 5).isSubsetOf(outer)).isFalse();
        assertThat(Range.<Integer>closedOpen(null, 5).isSubsetOf(Range.closedOpen(null, 6))).isTrue();
        assertThat(Range.<Integer>closedOpen(3, null).isSubsetOf(Range.closedOpen(1, null))).isTrue();
        assertThat(Range.<Integer>unbounded().isSubsetOf(Range.closedOpen(1, null))).isFalse();
    }

    @Test
    void emptyRangeIsSubsetOfEverythingAndSupersetOfNothingButEmpty() {
        Range<Integer> empty = Range.empty();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.isSubsetOf(Range.closedOpen(1, 2))).isTrue();
        assertThat(empty.isSubsetOf(empty)).isTrue();
        assertThat(Range.closedOpen(1, 2).isSubsetOf(empty)).isFalse();
        assertThat(empty.isSupersetOf(Range.closedOpen(1, 2))).isFalse();
        assertThat(empty.lowerInfinite()).isFalse();
        assertThat(empty.upperInfinite()).isFalse();
    }

    @Test
    void factoriesApplyPostgresInputRules() {
        assertThat(Range.closedOpen(3, 3)).isEqualTo(Range.empty());
        assertThat(Range.open(3, 3).isEmpty()).isTrue();
        assertThat(Range.closed(3, 3).isEmpty()).isFalse();
        assertThat(Range.closed(null, 3).lowerInclusive()).isFalse();
        assertThat(Range.closed(null, 3).lowerInfinite()).isTrue();
        assertThat(Range.of(null, null, true, true)).isEqualTo(Range.unbounded());
        assertThatThrownBy(() -> Range.closedOpen(5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 > 1");
    }

    @Test
    void equalityIsStructuralWithoutCanonicalization() {
        assertThat(Range.closedOpen(1, 5)).isEqualTo(Range.of(1, 5, true, false)).hasSameHashCodeAs(Range.of(1, 5, true, false));
        assertThat(Range.closedOpen(1, 5)).isNotEqualTo(Range.closed(1, 4));
        assertThat(Range.closedOpen(1, 5)).isNotEqualTo(Range.closedOpen(1L, 5L));
    }

    @Test
    void printsPostgresLiteralSyntax() {
        assertThat(Range.closedOpen(1, 5)).hasToString("[1,5)");
        assertThat(Range.openClosed(1, 5)).hasToString("(1,5]");
        assertThat(Range.closedOpen(null, 5)).hasToString("(,5)");
        assertThat(Range.unbounded()).hasToString("(,)");
        assertThat(Range.empty()).hasToString("empty");
        assertThat(Range.closedOpen(LocalDate.of(2020, 1, 1), null)).hasToString("[2020-01-01,)");
        assertThat(Range.closed("a b", "c\"d\\")).hasToString("[\"a b\",\"c\"\"d\\\\\"]");
        assertThat(Range.closed("", "z")).hasToString("[\"\",z]");
    }

    @Test
    void rejectsContainsOnNonComparableBounds() {
        Range<Object> r = Range.closed(new Object(), new Object());
        assertThatThrownBy(() -> r.contains(new Object())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not Comparable");
    }

    @Test
    void multirangeDropsEmptyRangesAndContainsAnyMember() {
        Multirange<Integer> m = Multirange.of(Range.closedOpen(1, 3), Range.empty(), Range.closedOpen(5, 7));
        assertThat(m.ranges()).containsExactly(Range.closedOpen(1, 3), Range.closedOpen(5, 7));
        assertThat(m.contains(2)).isTrue();
        assertThat(m.contains(4)).isFalse();
        assertThat(m.contains(6)).isTrue();
        assertThat(m).hasToString("{[1,3),[5,7)}");
        assertThat(Multirange.of(Range.<Integer>empty())).isEqualTo(Multirange.empty());
        assertThat(Multirange.empty().isEmpty()).isTrue();
        assertThat(Multirange.empty()).hasToString("{}");
    }

    @Test
    void aComparatorGivesTheSubtypesOrderForChecksAndComparisons() {
        java.util.Comparator<String> labels = java.util.Comparator.comparingInt(java.util.List.of("sad", "ok", "happy")::indexOf);
        Range<String> range = Range.of("sad", "happy", true, false, labels);
        assertThat(range.contains("ok")).isTrue();
        assertThat(range.contains("happy")).isFalse();
        assertThat(Range.of("ok", "ok", true, true, labels).isSubsetOf(range)).isTrue();
        assertThat(range).isEqualTo(Range.ofValid("sad", "happy", true, false, null));
        assertThat(Range.of("ok", "ok", true, false, labels)).isEqualTo(Range.empty());
        assertThatThrownBy(() -> Range.of("happy", "sad", true, false, labels))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Range.closedOpen("sad", "happy")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValidRangeOfUnknownOrderIsKeptButNotCompared() {
        Range<String> range = Range.ofValid("sad", "happy", true, false, null);
        assertThat(range.lower()).isEqualTo("sad");
        assertThat(range).hasToString("[sad,happy)");
        assertThat(range.isEmpty()).isFalse();
        assertThatThrownBy(() -> range.contains("ok")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not known");
        assertThatThrownBy(() -> range.isSubsetOf(Range.closed("a", "z"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Range.closed("a", "z").isSupersetOf(range)).isInstanceOf(IllegalStateException.class);
        assertThat(range.isSubsetOf(Range.unbounded())).isTrue();
        assertThat(Range.<String>empty().isSubsetOf(range)).isTrue();
        assertThat(Range.ofValid(null, "x", true, true, null).lowerInclusive()).isFalse();
    }
}
