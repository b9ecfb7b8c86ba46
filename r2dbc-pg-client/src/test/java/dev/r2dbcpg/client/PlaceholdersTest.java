package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.r2dbcpg.client.Placeholders.Parsed;
import dev.r2dbcpg.client.Placeholders.Style;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void rewritesPsycopgPositionalPlaceholdersInOrder() {
        Parsed p = Placeholders.parse("SELECT * FROM users WHERE active = %s AND id > %s");
        assertThat(p.sql()).isEqualTo("SELECT * FROM users WHERE active = $1 AND id > $2");
        assertThat(p.style()).isEqualTo(Style.POSITIONAL);
        assertThat(p.count()).isEqualTo(2);
    }

    @Test
    void givesARepeatedNameOneParameter() {
        Parsed p = Placeholders.parse("SELECT %(a)s, %(b)s, %(a)s");
        assertThat(p.sql()).isEqualTo("SELECT $1, $2, $1");
        assertThat(p.names()).containsExactly("a", "b");
        Parsed colon = Placeholders.parse("UPDATE t SET x = :x WHERE id = :id AND y = :x");
        assertThat(colon.sql()).isEqualTo("UPDATE t SET x = $1 WHERE id = $2 AND y = $1");
        assertThat(colon.names()).containsExactly("x", "id");
    }

    @Test
    void leavesPlaceholdersInsideLiteralsIdentifiersAndCommentsAlone() {
        String sql = "SELECT '%s :x %(y)s', \"col%s:z\", 'it''s %s' -- %s :c\n"
                + ", /* %s /* nested :n */ still %s */ %s";
        Parsed p = Placeholders.parse(sql);
        assertThat(p.sql()).isEqualTo("SELECT '%s :x %(y)s', \"col%s:z\", 'it''s %s' -- %s :c\n"
                + ", /* %s /* nested :n */ still %s */ $1");
        assertThat(p.count()).isEqualTo(1);
    }

    @Test
    void readsBackslashEscapesOnlyInEStringsOrWithoutStandardConformingStrings() {
        // In E'...' the \' does not end the literal, so the %s is still inside it.
        Parsed e = Placeholders.parse("SELECT E'a\\'%s', %s");
        assertThat(e.sql()).isEqualTo("SELECT E'a\\'%s', $1");
        // In a standard string the backslash is an ordinary character: the literal ends at the quote.
        Parsed standard = Placeholders.parse("SELECT 'a\\', %s");
        assertThat(standard.sql()).isEqualTo("SELECT 'a\\', $1");
        // With standard_conforming_strings off, '...' reads backslash escapes too.
        Parsed old = Placeholders.parse("SELECT 'a\\'%s', %s", false);
        assertThat(old.sql()).isEqualTo("SELECT 'a\\'%s', $1");
        // U&'...' is a standard string too.
        Parsed unicode = Placeholders.parse("SELECT U&'d\\0061t', %s");
        assertThat(unicode.sql()).isEqualTo("SELECT U&'d\\0061t', $1");
    }

    @Test
    void copiesDollarQuotedBodiesWhole() {
        String body = "$fn$ BEGIN RAISE NOTICE '%s :x', 1; x := 1; END $fn$";
        Parsed p = Placeholders.parse("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS " + body
                + "; SELECT $$ %s $$, %s");
        assertThat(p.sql()).isEqualTo("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS " + body
                + "; SELECT $$ %s $$, $1");
        // $tag inside a dollar quote with another tag does not end it.
        Parsed inner = Placeholders.parse("SELECT $a$ $b$ %s $b$ $a$, :v");
        assertThat(inner.sql()).isEqualTo("SELECT $a$ $b$ %s $b$ $a$, $1");
    }

    @Test
    void castsAndArraySlicesAreNotNames() {
        Parsed p = Placeholders.parse("SELECT :v::int, '1'::text, arr[lo:hi], arr[1:2], x::\"my type\"");
        assertThat(p.sql()).isEqualTo("SELECT $1::int, '1'::text, arr[lo:hi], arr[1:2], x::\"my type\"");
        assertThat(p.names()).containsExactly("v");
    }

    @Test
    void doubledPercentIsOnePercentAndModuloStays() {
        Parsed p = Placeholders.parse("SELECT 'a%%' , x %% 3, x % 3, %s LIKE 'a%'");
        assertThat(p.sql()).isEqualTo("SELECT 'a%%' , x % 3, x % 3, $1 LIKE 'a%'");
    }

    @Test
    void passesNativePlaceholdersThroughAndDollarInIdentifiers() {
        Parsed p = Placeholders.parse("SELECT a$1, $1, $12 FROM t$x");
        assertThat(p.sql()).isEqualTo("SELECT a$1, $1, $12 FROM t$x");
        assertThat(p.style()).isEqualTo(Style.NATIVE);
    }

    @Test
    void refusesMixedStylesAndUnterminatedTokens() {
        assertThatThrownBy(() -> Placeholders.parse("SELECT $1, %s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixes placeholder styles");
        assertThatThrownBy(() -> Placeholders.parse("SELECT %s, :x")).hasMessageContaining("mixes");
        assertThatThrownBy(() -> Placeholders.parse("SELECT 'abc")).hasMessageContaining("Unterminated string literal");
        assertThatThrownBy(() -> Placeholders.parse("SELECT \"abc")).hasMessageContaining("quoted identifier");
        assertThatThrownBy(() -> Placeholders.parse("SELECT /* a /* b */")).hasMessageContaining("block comment");
        assertThatThrownBy(() -> Placeholders.parse("SELECT $q$ abc")).hasMessageContaining("dollar-quoted");
        assertThatThrownBy(() -> Placeholders.parse("SELECT %(x")).hasMessageContaining("Malformed %(name)s");
    }

    @Test
    void matchesValuesToPlaceholders() {
        Parsed named = Placeholders.parse("SELECT :b, :a, :b");
        assertThat(Placeholders.values(named, new Object[] {Map.of("a", 1, "b", 2)})).containsExactly(2, 1);
        assertThatThrownBy(() -> Placeholders.values(named, new Object[] {Map.of("a", 1)}))
                .hasMessageContaining("No value for placeholder 'b'");
        assertThatThrownBy(() -> Placeholders.values(named, new Object[] {1, 2}))
                .hasMessageContaining("pass one Map");
        Parsed positional = Placeholders.parse("SELECT %s, %s");
        assertThatThrownBy(() -> Placeholders.values(positional, new Object[] {1}))
                .hasMessageContaining("2 %s placeholder(s) but 1 value(s)");
        assertThat(Placeholders.values(Placeholders.parse("SELECT 1"), new Object[0])).isEmpty();
        assertThat(Placeholders.parse("SELECT 1").names()).isEqualTo(List.of());
    }
}
