package dev.r2dbcpg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Every type of the type table read as {@code String} gives the server's own text output of the same
 * value ({@code ::text}; {@code format('%s')} where the cast differs from the output function): from binary
 * results (one statement, extended protocol), formatted locally, and from text results (a string of two
 * statements, simple protocol).
 */
@ExtendWith(PostgresExtension.class)
class TextOutputIT {

    private static ConnectionFactory factory;
    private static int major;

    @BeforeAll
    static void setUp(PostgresServer server) {
        server.execute("DROP TYPE IF EXISTS text_output_mood CASCADE",
                "DROP TYPE IF EXISTS text_output_pair CASCADE",
                "DROP DOMAIN IF EXISTS text_output_positive CASCADE",
                "CREATE TYPE text_output_mood AS ENUM ('sad', 'happy a')",
                "CREATE TYPE text_output_pair AS (label text, at timestamptz, n numeric[])",
                "CREATE DOMAIN text_output_positive AS int4 CHECK (VALUE > 0)");
        factory = ConnectionFactories.get(server.r2dbcUrl());
        major = server.majorVersion();
    }

    /** SQL expressions, one per value; each is compared with its own {@code ::text}. */
    private static List<String> expressions() {
        List<String> e = new ArrayList<>(List.of(
                "true", "false",
                "0::int2", "(-32768)::int2", "2147483647::int4", "(-9223372036854775808)::int8", "4294967295::oid",
                "1.5::float4", "0.1::float4", "1e6::float4", "123456::float4", "1e-5::float4", "3.4028235e38::float4",
                "'-0'::float4", "'NaN'::float4", "'-Infinity'::float4",
                "0.1::float8", "1e15::float8", "123456789012345::float8", "1e-4::float8", "1e-5::float8",
                "2.82879384806159e17::float8", "5e-324::float8", "1.7976931348623157e308::float8", "(1/3.0)::float8",
                "'-0'::float8", "'Infinity'::float8", "'NaN'::float8", "100::float8",
                "1.50::numeric", "0.000001::numeric", "(-12345678901234567890.123)::numeric", "'NaN'::numeric",
                "0::numeric(10,4)", "1e20::numeric",
                "'a b'::text", "'x'::varchar(3)", "'ab'::name", "'q'::\"char\"",
                "'\\x00ff10'::bytea", "''::bytea",
                "'2024-02-29'::date", "'0044-03-15 BC'::date", "'infinity'::date", "'-infinity'::date", "'10000-01-01'::date",
                "'13:05:00'::time", "'23:59:59.999999'::time", "'24:00'::time", "'00:00:00.5'::time",
                "'13:05:06.25+05:30'::timetz", "'01:02:03-08'::timetz", "'01:02:03+01:02:03'::timetz",
                "'2024-02-29 13:05:06.000123'::timestamp", "'0001-01-01 00:00 BC'::timestamp", "'infinity'::timestamp",
                "'2024-02-29 13:05:06.5+02'::timestamptz", "'1900-01-01 00:00+00'::timestamptz",
                "'0100-01-01 00:00+00 BC'::timestamptz", "'-infinity'::timestamptz",
                "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid",
                "'{\"b\": [1, 2.50, null], \"a\": \"\\u00e9\"}'::json", "'{\"b\": [1, 2.50, null], \"a\": \"x\"}'::jsonb",
                "'$.a[*] ? (@ > 1)'::jsonpath", "'<a>x</a>'::xml",
                "'1234'::xid", "'7'::cid", "'1234567'::xid8",
                "1234567.89::money", "(-0.5)::money", "0::money",
                "'1 year 2 mons 3 days 04:05:06.789'::interval", "'-1 day +02:00'::interval", "'0'::interval",
                "'-178000000 years'::interval",
                "'192.168.0.1/24'::inet", "'10.0.0.1'::inet", "'::ffff:1.2.3.4'::inet", "'2001:db8::1/64'::inet",
                "'10.1.0.0/16'::cidr", "'2001:db8::/32'::cidr",
                "'08:00:2b:01:02:03'::macaddr", "'08:00:2b:01:02:03:04:05'::macaddr8",
                "'(1.5,-2)'::point", "'{1,-1,0.5}'::line", "'[(0,0),(1,1e20)]'::lseg", "'((3,-2),(-1,5))'::box",
                "'[(0,0),(1,1),(2,0)]'::path", "'((0.1,0.2))'::path", "'((0,0),(1,1),(1,0))'::polygon", "'<(1,2),0.5>'::circle",
                "B'101'::bit(3)", "B''::varbit", "B'10110011101'::varbit",
                "'a fat:2,4 cat:3A'::tsvector", "'fat & !cat'::tsquery",
                "'16/B374D848'::pg_lsn", "'(4294967295,65535)'::tid", "'10:20:10,14'::pg_snapshot",
                "ARRAY[1, NULL, 3]::int4[]", "'{}'::int4[]", "'[0:1][-1:0]={{1,2},{3,4}}'::int8[]",
                "ARRAY['a b', '', 'NULL', 'null', 'q\"uo\\te', '{x}', 'c,d', NULL]::text[]",
                "ARRAY[1.5, 'NaN']::float8[]", "ARRAY['2024-01-01 10:00+00']::timestamptz[]",
                "ARRAY['\\x01'::bytea]", "ARRAY[true, false]", "ARRAY['((1,1),(0,0))'::box, '((2,2),(1,1))'::box]",
                "ARRAY[ARRAY['x']]::varchar[]", "ARRAY['happy a'::text_output_mood]", "ARRAY[ROW(1, 'x y')]",
                "'[1,5)'::int4range", "'empty'::int4range", "'(,3]'::int8range", "'[1.5,)'::numrange",
                "'[\"2024-01-01 10:00\",\"2024-01-02 00:00\")'::tsrange", "'[2024-01-01 10:00+00,)'::tstzrange",
                "'[2024-01-01,2024-02-01)'::daterange", "ARRAY['[1,2)'::int4range, 'empty']",
                "ROW(1, 'a b', NULL, '', 'x\"y', ARRAY[1,2])", "ROW(ROW(1, 'in(ner)'), 2.5::float8)",
                "ROW('l', '2024-01-01 10:00+00', '{1.5,NaN}')::text_output_pair",
                "'happy a'::text_output_mood", "5::text_output_positive"));
        if (major >= 14) {
            e.addAll(List.of("'{[1,3), [5,7)}'::int4multirange", "'{}'::datemultirange",
                    "'{[1.5,2.5], (3,)}'::nummultirange"));
        }
        return e;
    }

    /**
     * Types whose cast to text is not their output function (bool gives {@code true}, inet adds the netmask,
     * bpchar drops the padding): compare with {@code format('%s')}.
     */
    private static String expected(String expression) {
        return expression.equals("true") || expression.equals("false") || expression.contains("::inet") || expression.contains("::cidr") || expression.contains("::varchar(3)")
                ? "format('%s', " + expression + ")"
                : "(" + expression + ")::text";
    }

    private static String query() {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> expressions = expressions();
        for (int i = 0; i < expressions.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(expressions.get(i)).append(", ").append(expected(expressions.get(i)));
        }
        return sql.toString();
    }

    private static void compare(String sql) {
        List<String> expressions = expressions();
        Flux.usingWhen(factory.create(), c -> Flux.from(c.createStatement(sql).execute())
                        .concatMap(r -> r.map((row, meta) -> {
                            List<String> mismatches = new ArrayList<>();
                            for (int i = 0; i < expressions.size(); i++) {
                                String actual = row.get(2 * i, String.class);
                                String server = row.get(2 * i + 1, String.class);
                                if (!server.equals(actual)) {
                                    mismatches.add(expressions.get(i) + ": driver " + actual + ", server " + server);
                                }
                            }
                            return mismatches;
                        })),
                Connection::close)
                .as(StepVerifier::create)
                .assertNext(mismatches -> assertThat(mismatches).isEmpty())
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void binaryResultsReadAsStringGiveTheServersTextOutput() {
        compare(query());
    }

    @Test
    void timestamptzReadAsStringFollowsTheSessionTimeZone() {
        String values = "SELECT x, x::text FROM unnest(ARRAY['2024-03-31 00:30+00', '2024-10-27 01:30+00',"
                + " '1890-01-01 12:00+00', '2024-01-01 00:00:00.000001+00']::timestamptz[]) x";
        Flux.usingWhen(factory.create(), c -> Flux.fromIterable(List.of("Europe/Berlin", "America/St_Johns", "+05:30",
                                "-02:15", "Asia/Kolkata", "UTC"))
                        .concatMap(zone -> Flux.from(c.createStatement("SET TimeZone = '" + zone + "'").execute())
                                .flatMap(r -> r.getRowsUpdated())
                                .thenMany(Flux.from(c.createStatement(values).execute()))
                                .flatMap(r -> r.map((row, meta) -> zone + ": " + row.get(0, String.class)
                                        + (row.get(0, String.class).equals(row.get(1, String.class)) ? "" : " != " + row.get(1, String.class))))),
                Connection::close)
                .filter(line -> line.contains(" != "))
                .collectList()
                .as(StepVerifier::create)
                .assertNext(mismatches -> assertThat(mismatches).isEmpty())
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void textResultsReadAsStringGiveTheServersTextOutput() {
        // A second statement sends the string through the simple protocol: text results.
        compare(query() + "; SELECT 1 WHERE false");
    }
}
