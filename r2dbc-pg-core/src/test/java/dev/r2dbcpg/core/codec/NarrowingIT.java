package dev.r2dbcpg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Numbers read as narrower classes from a real server: in range, out of range (the message), and NULL. */
@ExtendWith(PostgresExtension.class)
class NarrowingIT {

    private static ConnectionFactory factory;

    @BeforeAll
    static void factory(PostgresServer server) {
        factory = ConnectionFactories.get(server.r2dbcUrl());
    }

    private static <T> Flux<Object> read(String sql, Class<T> type) {
        return Flux.usingWhen(factory.create(),
                c -> Flux.from(c.createStatement(sql).execute())
                        .flatMap(r -> r.map((row, meta) -> Optional.ofNullable((Object) row.get(0, type)))),
                Connection::close).map(o -> o.orElse("NULL"));
    }

    @Test
    void valuesInRangeNarrow() {
        List<Object> actual = new ArrayList<>();
        actual.addAll(read("SELECT count(*) FROM generate_series(1, 3)", Integer.class).collectList().block(Duration.ofSeconds(30)));
        actual.addAll(read("SELECT (-32768)::int8", Short.class).collectList().block(Duration.ofSeconds(30)));
        actual.addAll(read("SELECT 127::int4", Byte.class).collectList().block(Duration.ofSeconds(30)));
        actual.addAll(read("SELECT 12345678901::numeric", Long.class).collectList().block(Duration.ofSeconds(30)));
        actual.addAll(read("SELECT 42.000::numeric", Integer.class).collectList().block(Duration.ofSeconds(30)));
        actual.addAll(read("SELECT 0.5::numeric", Double.class).collectList().block(Duration.ofSeconds(30)));
        actual.addAll(read("SELECT 2.5::float8", Float.class).collectList().block(Duration.ofSeconds(30)));
        actual.addAll(read("SELECT 0.1::float4", BigDecimal.class).collectList().block(Duration.ofSeconds(30)));
        actual.addAll(read("SELECT '2024-01-02'::date", LocalDateTime.class).collectList().block(Duration.ofSeconds(30)));
        actual.addAll(read("SELECT NULL::int8", Integer.class).collectList().block(Duration.ofSeconds(30)));
        assertThat(actual).containsExactly(3, (short) -32768, (byte) 127, 12345678901L, 42, 0.5, 2.5f,
                new BigDecimal("0.1"), LocalDateTime.of(2024, 1, 2, 0, 0), "NULL");
    }

    @Test
    void valuesOutOfRangeFailNamingColumnValueAndClass() {
        read("SELECT 3000000000::int8 AS big", Integer.class)
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("Column 0 (big): Cannot decode PostgreSQL int8 value 3000000000 as java.lang.Integer"
                                + " without losing information"))
                .verify(Duration.ofSeconds(30));
        read("SELECT 1.5::numeric AS n", Long.class)
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("Column 0 (n)")
                        .hasMessageContaining("numeric value 1.5 as java.lang.Long"))
                .verify(Duration.ofSeconds(30));
        read("SELECT 0.1::float8 AS f", Float.class)
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("float8 value 0.1 as java.lang.Float"))
                .verify(Duration.ofSeconds(30));
    }
}
