package dev.r2dbcpg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.testing.PostgresFixture;
import io.r2dbc.spi.ConnectionFactories;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import reactor.core.publisher.Flux;

/**
 * A bounded number of property-based round trips through the server ({@code SELECT $1::type}),
 * for the numeric, text and date/time families: what the server reads from our binary encoding and
 * sends back in binary must decode to the value bound.
 */
class ServerRoundTripPropertiesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static PgConnection connection;

    @BeforeContainer
    static void connect() {
        PgConnectionFactory factory = (PgConnectionFactory) ConnectionFactories.get(PostgresFixture.shared().r2dbcUrl());
        connection = factory.create().block(TIMEOUT);
    }

    @AfterContainer
    static void close() {
        connection.close().block(TIMEOUT);
    }

    private static <T> T echo(String type, T value, Class<T> target) {
        return Flux.from(connection.createStatement("SELECT $1::" + type).bind(0, value).execute())
                .concatMap(r -> r.map((row, m) -> row.get(0, target))).blockLast(TIMEOUT);
    }

    @Property(tries = 40)
    void numericsSurviveTheServer(@ForAll("numerics") BigDecimal value) {
        assertThat(echo("numeric", value, BigDecimal.class)).isEqualTo(value);
    }

    @Property(tries = 20)
    void longsSurviveTheServer(@ForAll long value) {
        assertThat(echo("int8", value, Long.class)).isEqualTo(value);
    }

    @Property(tries = 20)
    void doublesSurviveTheServer(@ForAll double value) {
        assertThat(Double.doubleToLongBits(echo("float8", value, Double.class))).isEqualTo(Double.doubleToLongBits(value));
    }

    @Property(tries = 40)
    void textSurvivesTheServer(@ForAll("texts") String value) {
        assertThat(echo("text", value, String.class)).isEqualTo(value);
    }

    @Property(tries = 40)
    void timestampsSurviveTheServer(@ForAll("dates") LocalDate date, @ForAll("times") LocalTime time) {
        LocalDateTime value = LocalDateTime.of(date, time);
        assertThat(echo("timestamp", value, LocalDateTime.class)).isEqualTo(value);
        assertThat(echo("date", date, LocalDate.class)).isEqualTo(date);
    }

    @Provide
    Arbitrary<BigDecimal> numerics() {
        return Combinators.combine(Arbitraries.bigIntegers().between(
                        BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)), Arbitraries.integers().between(0, 30))
                .as(BigDecimal::new);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange('\u0001', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(100);
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(LocalDate.of(-4712, 1, 3).toEpochDay(), LocalDate.of(294276, 12, 29).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    @Provide
    Arbitrary<LocalTime> times() {
        return Arbitraries.longs().between(0, 86_399_999_999L).map(micros -> LocalTime.ofNanoOfDay(micros * 1000));
    }
}
