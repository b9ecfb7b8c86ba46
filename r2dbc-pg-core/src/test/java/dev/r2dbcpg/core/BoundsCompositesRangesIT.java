package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.r2dbcpg.core.types.Composite;
import dev.r2dbcpg.core.types.Multirange;
import dev.r2dbcpg.core.types.PgArray;
import dev.r2dbcpg.core.types.Range;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.Row;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Arrays with their lower bounds ({@link PgArray}), binding {@link Composite} values, binding
 * user-defined range types, and ranges over enums, through a real server. Each test uses a
 * factory of its own, so that what one test learns or registers does not leak into another.
 */
@ExtendWith(PostgresExtension.class)
class BoundsCompositesRangesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> ADDRESS = List.of("street", "number");

    /** In declaration order as the enum type's labels, whose String order is HAPPY, OK, SAD. */
    enum Mood { SAD, OK, HAPPY }

    private static String url;
    /** Multiranges exist from PostgreSQL 14. */
    private static boolean multiranges;

    @BeforeAll
    static void schema(PostgresServer server) {
        url = server.r2dbcUrl();
        multiranges = server.majorVersion() >= 14;
        server.execute(
                "DROP SCHEMA IF EXISTS bcr CASCADE",
                "CREATE SCHEMA bcr",
                "CREATE TYPE bcr.mood AS ENUM ('SAD', 'OK', 'HAPPY')",
                "CREATE TYPE bcr.moodrange AS RANGE (subtype = bcr.mood)",
                "CREATE TYPE bcr.address AS (street text, number int4)",
                "CREATE TYPE bcr.person AS (name text, mood bcr.mood, home bcr.address, past bcr.address[])",
                "CREATE TYPE bcr.floatrange AS RANGE (subtype = float8)",
                "CREATE TABLE bcr.places (id int4, home bcr.address)");
    }

    private static PgConnectionFactory factory() {
        return (PgConnectionFactory) ConnectionFactories.get(url);
    }

    private static <T> List<T> query(PgConnectionFactory factory, String sql, Function<Row, T> mapper, Object... values) {
        return Flux.usingWhen(factory.create(), c -> {
            PgStatement statement = c.createStatement(sql);
            for (int i = 0; i < values.length; i++) {
                statement.bind(i, values[i]);
            }
            return Flux.from(statement.execute()).concatMap(r -> r.map((row, m) -> mapper.apply(row)));
        }, PgConnection::close).collectList().block(TIMEOUT);
    }

    private static Object one(PgConnectionFactory factory, String sql, Object... values) {
        return query(factory, sql, row -> row.get(0), values).get(0);
    }

    private static <T> T one(PgConnectionFactory factory, Class<T> type, String sql, Object... values) {
        return query(factory, sql, row -> row.get(0, type), values).get(0);
    }

    private static Composite address(String street, Integer number) {
        return Composite.of("address", ADDRESS, Arrays.asList(street, number));
    }

    // ---------------------------------------------------------------- arrays with lower bounds

    @Test
    void readsLowerBoundsAsPgArrayInBothFormats() {
        PgConnectionFactory factory = factory();
        PgArray expected = PgArray.of(new int[] {2}, new int[] {2}, List.of(1, 2));
        assertThat(one(factory, PgArray.class, "SELECT '[2:3]={1,2}'::int4[] WHERE $1", true)).isEqualTo(expected);
        assertThat(one(factory, PgArray.class, "SELECT '[2:3]={1,2}'::int4[]")).isEqualTo(expected);
        assertThat((Object[]) one(factory, "SELECT '[2:3]={1,2}'::int4[] WHERE $1", true)).containsExactly(1, 2);

        String twoD = "[0:1][-1:0]={{a,\"b c\"},{NULL,d}}";
        PgArray text = one(factory, PgArray.class, "SELECT $1::text[]", twoD);
        assertThat(text.dimensions()).containsExactly(2, 2);
        assertThat(text.lowerBounds()).containsExactly(0, -1);
        assertThat(text.get(0, -1)).isEqualTo("a");
        assertThat(text.get(1, -1)).isNull();
        assertThat(text).hasToString(twoD).isEqualTo(one(factory, PgArray.class, "SELECT '" + twoD + "'::text[]"));
        assertThat(one(factory, PgArray.class, "SELECT '{}'::int4[] WHERE $1", true)).isEqualTo(PgArray.empty());
        assertThat(one(factory, PgArray.class, "SELECT ARRAY[1.5]::float8[] WHERE $1", true))
                .isEqualTo(PgArray.of(List.of(1.5)));
    }

    @Test
    void bindsPgArrayWithItsBoundsInBinary() {
        PgConnectionFactory factory = factory();
        PgArray value = PgArray.of(new int[] {2, 3}, new int[] {-1, 5}, Arrays.asList(1L, 2L, null, 4L, 5L, 6L));
        List<Object> row = query(factory, "SELECT array_lower($1, 1), array_lower($1, 2), $1::text, pg_typeof($1)::text",
                r -> List.of(r.get(0), r.get(1), r.get(2), r.get(3)), value).get(0);
        assertThat(row).containsExactly(-1, 5, "[-1:0][5:7]={{1,2,NULL},{4,5,6}}", "bigint[]");
        assertThat(one(factory, PgArray.class, "SELECT $1::int8[]", value)).isEqualTo(value);
        PgArray nulls = PgArray.of(new int[] {2}, new int[] {0}, Arrays.asList(null, null));
        assertThat(one(factory, String.class, "SELECT $1::int4[]::text", nulls)).isEqualTo("[0:1]={NULL,NULL}");
        assertThat(one(factory, PgArray.class, "SELECT $1::int4[]", PgArray.empty())).isEqualTo(PgArray.empty());
    }

    /** The error binding {@code value} as $1 throws, after which the same connection still answers. */
    private static Throwable bindError(PgConnectionFactory factory, Object value) {
        List<Object> results = Flux.usingWhen(factory.create(), c -> {
            Throwable error = null;
            try {
                c.createStatement("SELECT $1").bind(0, value);
            } catch (IllegalArgumentException e) {
                error = e;
            }
            return Flux.concat(Mono.justOrEmpty(error),
                    Flux.from(c.createStatement("SELECT 1 WHERE $1").bind(0, true).execute())
                            .concatMap(r -> r.map((row, m) -> row.get(0))));
        }, PgConnection::close).collectList().block(TIMEOUT);
        assertThat(results).hasSize(2);
        assertThat(results.get(1)).isEqualTo(1);
        return (Throwable) results.get(0);
    }

    @Test
    void aPgArrayOfUnencodableElementsFailsAtBindAndTheConnectionStaysUsable() {
        assertThat(bindError(factory(), PgArray.of(List.of(new Object())))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$1").hasMessageContaining(PgArray.class.getName());
    }

    // ---------------------------------------------------------------- composites

    @Test
    void bindsACompositeReadFromTheServer() {
        PgConnectionFactory factory = factory();
        Composite read = one(factory, Composite.class, "SELECT ROW('Main St', 5)::bcr.address WHERE $1", true);
        assertThat(read).isEqualTo(address("Main St", 5));
        assertThat(one(factory, "SELECT $1::bcr.address", read)).isEqualTo(read);
        assertThat(one(factory, "SELECT ($1::bcr.address).street", read)).isEqualTo("Main St");
    }

    @Test
    void bindsACompositeBuiltByNameBeforeTheTypeIsKnown() {
        PgConnectionFactory factory = factory();
        Composite value = address("Elm \"Rd\"", null);
        // the type is learned from the statement, after Parse, and then the value is encoded
        assertThat(one(factory, "SELECT $1::bcr.address", value)).isEqualTo(value);
        assertThat(query(factory, "INSERT INTO bcr.places VALUES (1, $1) RETURNING home", r -> r.get(0), value))
                .containsExactly(value);
        assertThat(one(factory, "SELECT $1::bcr.address", value)).isEqualTo(value);
    }

    @Test
    void bindsNestedCompositesAndArraysOfThem() {
        PgConnectionFactory factory = factory();
        Composite home = address("Main St", 5);
        Composite old = address("Old Rd", null);
        Composite person = Composite.of("person", List.of("name", "mood", "home", "past"),
                List.of("Ann", "OK", home, new Composite[] {old, home}));
        assertThat(one(factory, "SELECT $1::bcr.person", person)).isEqualTo(person);
        // address[] is known now (learned with person)
        assertThat((Object[]) one(factory, "SELECT $1::bcr.address[]", (Object) new Composite[] {home, old}))
                .containsExactly(home, old);
        assertThat((Object[]) one(factory, "SELECT $1::bcr.address[]", List.of(old))).containsExactly(old);
        assertThat(one(factory, PgArray.class, "SELECT $1::bcr.address[]",
                PgArray.of(new int[] {1}, new int[] {0}, List.of(home))))
                .isEqualTo(PgArray.of(new int[] {1}, new int[] {0}, List.of(home)));
    }

    @Test
    void compositesThatCannotBeBoundFailClearly() {
        PgConnectionFactory factory = factory();
        Composite anonymous = one(factory, Composite.class, "SELECT ROW(1, 'a') WHERE $1", true);
        assertThat(bindError(factory, anonymous)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$1").hasMessageContaining("anonymous record");

        Composite wrongNames = Composite.of("address", List.of("road", "number"), List.of("x", 1));
        assertThatThrownBy(() -> one(factory, "SELECT $1::bcr.address", wrongNames))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$1").hasMessageContaining(Composite.class.getName())
                .hasMessageContaining("[street, number]");
        Composite unknown = Composite.of("no_such_type", List.of("a"), List.of(1));
        assertThatThrownBy(() -> one(factory, "SELECT $1", unknown))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$1").hasMessageContaining("'no_such_type' is not known");
        assertThat(one(factory, "SELECT $1::bcr.address", address("a", 1))).isEqualTo(address("a", 1));
    }

    // ---------------------------------------------------------------- user-defined ranges

    @Test
    void registeredRangeTypeBindsRangesMultirangesAndArrays() {
        PgConnectionFactory factory = factory();
        factory.types().registerRange("bcr.floatrange", Double.class).block(TIMEOUT);
        Range<Double> range = Range.closedOpen(1.5, 2.5);
        assertThat(one(factory, "SELECT pg_typeof($1)::text", range)).isEqualTo("bcr.floatrange");
        assertThat(one(factory, "SELECT $1", range)).isEqualTo(range);
        assertThat(one(factory, "SELECT $1 @> 2.0::float8", range)).isEqualTo(true);

        if (multiranges) {
            Multirange<Double> multirange = Multirange.of(Range.closedOpen(1.0, 2.0), Range.closed(3.0, 4.0));
            assertThat(one(factory, "SELECT pg_typeof($1)::text", multirange)).isEqualTo("bcr.floatmultirange");
            assertThat(one(factory, "SELECT $1", multirange)).isEqualTo(multirange);
        }
        assertThat((Object[]) one(factory, "SELECT $1", (Object) new Range<?>[] {range, Range.closed(0.5, 0.5)}))
                .containsExactly(range, Range.closed(0.5, 0.5));

        // other ranges bind as before
        assertThat(one(factory, "SELECT pg_typeof($1)::text", Range.closedOpen(1, 2))).isEqualTo("int4range");
        assertThat(one(factory, "SELECT $1::bcr.floatrange", Range.<Double>empty())).isEqualTo(Range.empty());
    }

    @Test
    void registeringARangeOfTheWrongKindOrBoundClassFails() {
        PgConnectionFactory factory = factory();
        assertThatThrownBy(() -> factory.types().registerRange("bcr.address", Double.class).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a range type");
        assertThatThrownBy(() -> factory.types().registerRange("bcr.floatrange", String.class).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not encode java.lang.String");
    }

    // ---------------------------------------------------------------- ranges over enums

    @Test
    void readsARangeOverAnUnregisteredEnumWhoseOrderIsUnknown() {
        PgConnectionFactory factory = factory();
        Range<?> range = one(factory, Range.class, "SELECT '[SAD,HAPPY)'::bcr.moodrange WHERE $1", true);
        assertThat(range.lower()).isEqualTo("SAD");
        assertThat(range.upper()).isEqualTo("HAPPY");
        assertThat(range).hasToString("[SAD,HAPPY)");
        assertThatThrownBy(() -> ((Range<Object>) range).contains("OK"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("register a Java enum");
        assertThat(one(factory, "SELECT '[SAD,HAPPY)'::bcr.moodrange")).isEqualTo(range);
        if (multiranges) {
            Multirange<?> multirange = one(factory, Multirange.class,
                    "SELECT '{[SAD,OK],[HAPPY,HAPPY]}'::bcr.moodmultirange WHERE $1", true);
            assertThat(multirange.ranges()).hasSize(2);
        }
    }

    @Test
    void aRegisteredJavaEnumGivesTheRangeItsOrderAndBindsIt() {
        PgConnectionFactory factory = factory();
        factory.types().registerEnum("bcr.mood", Mood.class)
                .then(factory.types().registerRange("bcr.moodrange", Mood.class))
                .block(TIMEOUT);
        @SuppressWarnings("unchecked")
        Range<Mood> range = one(factory, Range.class, "SELECT '[SAD,HAPPY)'::bcr.moodrange WHERE $1", true);
        assertThat(range).isEqualTo(Range.closedOpen(Mood.SAD, Mood.HAPPY));
        assertThat(range.contains(Mood.OK)).isTrue();
        assertThat(range.contains(Mood.HAPPY)).isFalse();
        assertThat(Range.closed(Mood.OK, Mood.OK).isSubsetOf(range)).isTrue();
        assertThat(range.isSupersetOf(Range.closed(Mood.OK, Mood.HAPPY))).isFalse();
        assertThat(one(factory, "SELECT $1 @> 'OK'::bcr.mood", range)).isEqualTo(true);
        assertThat(one(factory, "SELECT $1", Range.closed(Mood.OK, Mood.HAPPY))).isEqualTo(Range.closed(Mood.OK, Mood.HAPPY));
    }
}
