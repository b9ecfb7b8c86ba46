package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.r2dbcpg.core.types.Composite;
import dev.r2dbcpg.core.types.Range;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.Row;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * User and extension types through a real server: discovered on first sight (enums, composites,
 * domains, ranges, arrays of these, hstore, citext), registered to Java enums and records, user
 * codecs, and reloading after DDL. Each test uses a factory of its own, so that what one test
 * learns or registers does not leak into another.
 */
@ExtendWith(PostgresExtension.class)
class UserTypesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    enum Mood { SAD, OK, HAPPY }

    record Address(String street, Integer number) {
    }

    record Person(String name, Mood mood, Address home, List<Address> past) {
    }

    private static String url;

    @BeforeAll
    static void schema(PostgresServer server) {
        url = server.r2dbcUrl();
        server.execute(
                "DROP SCHEMA IF EXISTS ut CASCADE",
                "CREATE SCHEMA ut",
                "CREATE TYPE ut.mood AS ENUM ('SAD', 'OK', 'HAPPY')",
                "CREATE TYPE ut.address AS (street text, number int4)",
                "CREATE TYPE ut.person AS (name text, mood ut.mood, home ut.address, past ut.address[])",
                "CREATE DOMAIN ut.positive AS int4 CHECK (VALUE > 0)",
                "CREATE TYPE ut.floatrange AS RANGE (subtype = float8)",
                "CREATE EXTENSION IF NOT EXISTS hstore",
                "CREATE EXTENSION IF NOT EXISTS citext");
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

    @Test
    void discoversAnEnumOnFirstSightAndReadsItAsString() {
        PgConnectionFactory factory = factory();
        assertThat(one(factory, "SELECT $1::ut.mood", "HAPPY")).isEqualTo("HAPPY");
        assertThat((Object[]) one(factory, "SELECT ARRAY['SAD','OK']::ut.mood[] WHERE $1", true)).containsExactly("SAD", "OK");
        assertThat((Object[]) one(factory, "SELECT $1::ut.mood[]", "{SAD,OK}")).containsExactly("SAD", "OK");
        assertThat(query(factory, "SELECT NULL::ut.mood WHERE $1", row -> java.util.Optional.ofNullable(row.get(0)), true))
                .containsExactly(java.util.Optional.empty());
    }

    @Test
    void discoversCompositesNestedAndInArrays() {
        PgConnectionFactory factory = factory();
        Object value = one(factory, "SELECT ROW('Ann', 'OK', ROW('Main St', 5), ARRAY[ROW('Old Rd', NULL)]::ut.address[])::ut.person WHERE $1", true);
        assertThat(value).isInstanceOf(Composite.class);
        Composite person = (Composite) value;
        assertThat(person.names()).containsExactly("name", "mood", "home", "past");
        assertThat(person.get("name")).isEqualTo("Ann");
        assertThat(person.get("mood")).isEqualTo("OK");
        assertThat(person.get("home")).isEqualTo(Composite.of("address", List.of("street", "number"), List.of("Main St", 5)));
        Object[] past = (Object[]) person.get("past");
        assertThat(past).containsExactly(Composite.of("address", List.of("street", "number"), Arrays.asList("Old Rd", null)));
        assertThat(person.toString()).startsWith("(Ann,OK,\"(\"\"Main St\"\",5)\"");
    }

    @Test
    void readsAnonymousRecords() {
        Object value = one(factory(), "SELECT ROW(1, 'a b', NULL::text, 2.5::numeric) WHERE $1", true);
        assertThat(value).isEqualTo(Composite.of("record", List.of("f1", "f2", "f3", "f4"),
                Arrays.asList(1, "a b", null, new BigDecimal("2.5"))));
    }

    @Test
    void readsDomainsAsTheirBaseTypeAndUserRangesAsRange() {
        PgConnectionFactory factory = factory();
        assertThat(one(factory, "SELECT $1::ut.positive", 7)).isEqualTo(7);
        assertThat(one(factory, "SELECT '[1.5,2.5)'::ut.floatrange WHERE $1", true)).isEqualTo(Range.closedOpen(1.5, 2.5));
        assertThat((Object[]) one(factory, "SELECT ARRAY[1,2]::ut.positive[] WHERE $1", true)).containsExactly(1, 2);
    }

    @Test
    void readsAndBindsHstoreAndCitext() {
        PgConnectionFactory factory = factory();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a", "1");
        expected.put("b c", null);
        assertThat(one(factory, "SELECT 'a=>1, \"b c\"=>NULL'::hstore WHERE $1", true)).isEqualTo(expected);
        assertThat(one(factory, "SELECT 'MiXeD'::citext = $1::citext, 'MiXeD'::citext", "mixed")).isEqualTo(true);
        assertThat(query(factory, "SELECT 'MiXeD'::citext WHERE $1", row -> row.get(0), true)).containsExactly("MiXeD");
        factory.types().setBuiltinTypeCodec("hstore", "hstore").block(TIMEOUT);
        assertThat(one(factory, "SELECT $1 -> 'b c'", Map.of("b c", "x"))).isEqualTo("x");
    }

    @Test
    void registeredJavaEnumDecodesAndBindsAsTheEnumType() {
        PgConnectionFactory factory = factory();
        factory.types().registerEnum("ut.mood", Mood.class).block(TIMEOUT);
        assertThat(one(factory, "SELECT $1", Mood.HAPPY)).isEqualTo(Mood.HAPPY);
        assertThat(one(factory, "SELECT pg_typeof($1)::text", Mood.OK)).isEqualTo("ut.mood");
        assertThat((Mood[]) one(factory, "SELECT $1", (Object) new Mood[] {Mood.SAD, Mood.OK}))
                .containsExactly(Mood.SAD, Mood.OK);
        assertThat(query(factory, "SELECT 'OK'::ut.mood WHERE $1", row -> row.get(0, String.class), true))
                .containsExactly("OK");
    }

    @Test
    void unregisteredJavaEnumBindsItsNameAsUntypedText() {
        assertThat(one(factory(), "SELECT $1::ut.mood::text", Mood.SAD)).isEqualTo("SAD");
        assertThat(one(factory(), "SELECT $1", Mood.SAD)).isEqualTo("SAD");
    }

    @Test
    void registeredRecordsDecodeAndBindNested() {
        PgConnectionFactory factory = factory();
        factory.types().registerEnum("ut.mood", Mood.class)
                .then(factory.types().registerComposite("ut.address", Address.class))
                .then(factory.types().registerComposite("ut.person", Person.class))
                .block(TIMEOUT);
        Person ann = new Person("Ann", Mood.OK, new Address("Main St", 5), List.of(new Address("Old Rd", null)));
        assertThat(one(factory, "SELECT $1", ann)).isEqualTo(ann);
        assertThat(one(factory, "SELECT ($1::ut.person).home.street", ann)).isEqualTo("Main St");
        Address[] addresses = {new Address("x", 1), null};
        assertThat((Address[]) one(factory, "SELECT $1", (Object) addresses)).containsExactly(addresses);
        assertThat(query(factory, "SELECT ROW('y', 2)::ut.address WHERE $1", row -> row.get(0, Composite.class), true))
                .containsExactly(Composite.of("address", List.of("street", "number"), List.of("y", 2)));
    }

    @Test
    void registeringAnUnknownNameOrTheWrongKindFails() {
        PgConnectionFactory factory = factory();
        assertThatThrownBy(() -> factory.types().registerEnum("ut.no_such_type", Mood.class).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> factory.types().registerEnum("ut.address", Mood.class).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an enum type");
    }

    @Test
    void overridesNumericAsDoubleAndResetsIt() {
        PgConnectionFactory factory = factory();
        factory.types().setTypeCodec("numeric", Double.class, String::valueOf, Double::valueOf).block(TIMEOUT);
        assertThat(one(factory, "SELECT 1.5::numeric WHERE $1", true)).isEqualTo(1.5d);
        assertThat(one(factory, "SELECT pg_typeof($1)::text", 2.5d)).isEqualTo("numeric");
        factory.types().resetTypeCodec("numeric").block(TIMEOUT);
        assertThat(one(factory, "SELECT 1.5::numeric WHERE $1", true)).isEqualTo(new BigDecimal("1.5"));
        assertThat(one(factory, "SELECT pg_typeof($1)::text", 2.5d)).isEqualTo("double precision");
    }

    @Test
    void reloadSchemaStateAfterAlterTypeAndRecreate(PostgresServer server) {
        server.execute("DROP TYPE IF EXISTS ut.colour", "CREATE TYPE ut.colour AS ENUM ('red')");
        PgConnectionFactory factory = factory();
        assertThat(one(factory, "SELECT 'red'::ut.colour WHERE $1", true)).isEqualTo("red");
        server.execute("ALTER TYPE ut.colour ADD VALUE 'green'");
        assertThat(one(factory, "SELECT 'green'::ut.colour WHERE $1", true)).isEqualTo("green");
        server.execute("DROP TYPE ut.colour", "CREATE TYPE ut.colour AS (r int4, g int4)");
        factory.types().reloadSchemaState().block(TIMEOUT);
        assertThat(one(factory, "SELECT ROW(1,2)::ut.colour WHERE $1", true))
                .isEqualTo(Composite.of("colour", List.of("r", "g"), List.of(1, 2)));
    }

    @Test
    void simpleQueriesUseKnownTypesAndTextOtherwise() {
        PgConnectionFactory factory = factory();
        assertThat(Mono.from(factory.create()).flatMapMany(c -> Flux.from(c.createStatement("SELECT 'OK'::ut.mood").execute())
                .concatMap(r -> r.map((row, m) -> row.get(0))).concatWith(Mono.from(c.close()).then(Mono.empty())))
                .blockFirst(TIMEOUT)).isEqualTo("OK");
        factory.types().registerEnum("ut.mood", Mood.class).block(TIMEOUT);
        assertThat(Mono.from(factory.create()).flatMapMany(c -> Flux.from(c.createStatement("SELECT 'OK'::ut.mood").execute())
                .concatMap(r -> r.map((row, m) -> row.get(0))).concatWith(Mono.from(c.close()).then(Mono.empty())))
                .blockFirst(TIMEOUT)).isEqualTo(Mood.OK);
    }
}
