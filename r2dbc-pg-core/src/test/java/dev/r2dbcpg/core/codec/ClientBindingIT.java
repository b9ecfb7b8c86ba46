package dev.r2dbcpg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Clob;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Java values frameworks bind (Spring Data R2DBC, jOOQ, plain code), each into a column of its type with
 * no cast in the SQL, read back as text; and a typed NULL of each class into the same column.
 */
@ExtendWith(PostgresExtension.class)
class ClientBindingIT {

    enum Mood { SAD, HAPPY }

    private static ConnectionFactory factory;

    @BeforeAll
    static void setUp(PostgresServer server) {
        server.execute("CREATE EXTENSION IF NOT EXISTS hstore",
                "DROP TABLE IF EXISTS client_binding", "DROP TYPE IF EXISTS client_binding_mood",
                "CREATE TYPE client_binding_mood AS ENUM ('SAD', 'HAPPY')",
                "CREATE TABLE client_binding (id serial, mood client_binding_mood, mood_text text, ints int4[],"
                        + " texts text[], tags hstore, doc jsonb, at timestamptz, local timestamp, id2 uuid, big numeric,"
                        + " bytes bytea)");
        factory = ConnectionFactories.get(server.r2dbcUrl());
    }

    private static Object[][] cases() throws Exception {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("a", "1");
        tags.put("b\"q", null);
        UUID uuid = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        Instant instant = Instant.parse("2024-01-02T03:04:05.123456Z");
        return new Object[][] {
            {"mood", Mood.HAPPY, "HAPPY"},
            {"mood_text", Mood.SAD, "SAD"},
            {"ints", List.of(1, 2, 3), "{1,2,3}"},
            {"ints", new int[] {4, 5}, "{4,5}"},
            {"texts", List.of("x y", "z"), "{\"x y\",z}"},
            {"texts", new String[] {"a"}, "{a}"},
            {"tags", tags, "\"a\"=>\"1\", \"b\\\"q\"=>NULL"},
            {"doc", JsonMapper.builder().build().readTree("{\"k\": [1, 2]}"), "{\"k\": [1, 2]}"},
            {"at", instant, "2024-01-02 03:04:05.123456+00"},
            {"at", java.util.Date.from(instant), "2024-01-02 03:04:05.123+00"},
            {"at", instant.atOffset(ZoneOffset.ofHours(2)), "2024-01-02 03:04:05.123456+00"},
            {"at", instant.atZone(java.time.ZoneId.of("Europe/Paris")), "2024-01-02 03:04:05.123456+00"},
            {"local", LocalDateTime.of(2024, 1, 2, 3, 4, 5), "2024-01-02 03:04:05"},
            {"id2", uuid, uuid.toString()},
            {"big", new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890"},
            {"bytes", new byte[] {1, 2}, "\\x0102"},
            {"bytes", ByteBuffer.wrap(new byte[] {3}), "\\x03"},
            {"bytes", Blob.from(Mono.just(ByteBuffer.wrap(new byte[] {4}))), "\\x04"},
            {"mood_text", Clob.from(Mono.just("clob text")), "clob text"},
        };
    }

    @Test
    void everyClientValueBindsWithoutACast() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Object[] c : cases()) {
            String column = (String) c[0];
            String sql = "INSERT INTO client_binding (" + column + ") VALUES ($1) RETURNING " + column + "::text";
            try {
                String back = Flux.usingWhen(factory.create(),
                                conn -> Flux.from(conn.createStatement(sql).bind(0, c[1]).execute())
                                        .flatMap(r -> r.map((row, m) -> row.get(0, String.class))),
                                Connection::close)
                        .blockLast(Duration.ofSeconds(30));
                if (!c[2].equals(back)) {
                    failures.add(column + " <- " + c[1].getClass().getSimpleName() + ": " + back);
                }
            } catch (RuntimeException e) {
                failures.add(column + " <- " + c[1].getClass().getSimpleName() + ": " + e);
            }
            try {
                Flux.usingWhen(factory.create(),
                                conn -> Flux.from(conn.createStatement("INSERT INTO client_binding (" + column + ") VALUES ($1)")
                                        .bindNull(0, c[1].getClass()).execute()).flatMap(r -> r.getRowsUpdated()),
                                Connection::close)
                        .blockLast(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                failures.add(column + " <- NULL of " + c[1].getClass().getSimpleName() + ": " + e);
            }
        }
        assertThat(failures).isEmpty();
    }
}
