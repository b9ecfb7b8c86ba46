package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.config.ConnectionStrings;
import dev.r2dbcpg.core.config.PgEnvironment;
import dev.r2dbcpg.testing.AuthMethod;
import dev.r2dbcpg.testing.PostgresFixture;
import dev.r2dbcpg.testing.PostgresPair;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Several hosts and {@code target_session_attrs} against the fixture's real primary and streaming
 * standby; which server answered is told by {@code inet_server_port()}.
 */
class MultiHostIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final PgEnvironment NO_ENV = PgEnvironment.of(Map.of());
    private static PostgresPair pair;

    @BeforeAll
    static void pair() {
        PostgresFixture.pairUnavailable().ifPresent(Assumptions::abort);
        pair = PostgresFixture.pair();
    }

    private static int port(String role) {
        return (role.equals("primary") ? pair.primary() : pair.standby()).port();
    }

    private static PgConnectionFactory factory(String hosts, String extra) {
        return PgConnectionFactory.create(ConnectionStrings.parse("postgresql://" + AuthMethod.TRUST.user() + "@"
                + hosts + "/postgres?sslmode=disable&connect_timeout=2" + extra).environment(NO_ENV).build());
    }

    private static String hosts(String... roles) {
        StringBuilder b = new StringBuilder();
        for (String role : roles) {
            b.append(b.length() == 0 ? "" : ",").append("localhost:").append(role.startsWith("port:")
                    ? role.substring(5) : Integer.toString(port(role)));
        }
        return b.toString();
    }

    /** The port of the server that answered. */
    private static int answeredBy(PgConnectionFactory factory) {
        return Mono.usingWhen(factory.create(),
                c -> Mono.from(c.createStatement("SELECT inet_server_port()").execute())
                        .flatMap(r -> Mono.from(r.map((row, m) -> row.get(0, Integer.class)))),
                Connection::close).block(TIMEOUT);
    }

    @ParameterizedTest(name = "{0} over {1},{2} -> {3}")
    @CsvSource({
        "any,            primary, standby, primary",
        "any,            standby, primary, standby",
        "read-write,     standby, primary, primary",
        "read-write,     primary, standby, primary",
        "read-only,      primary, standby, standby",
        "read-only,      standby, primary, standby",
        "primary,        standby, primary, primary",
        "standby,        primary, standby, standby",
        "prefer-standby, primary, standby, standby",
        "prefer-standby, standby, primary, standby"})
    void everyTargetSessionAttrsValuePicksTheRightServer(String target, String first, String second, String expected) {
        assertThat(answeredBy(factory(hosts(first, second), "&target_session_attrs=" + target)))
                .isEqualTo(port(expected));
    }

    @Test
    void preferStandbyFallsBackToThePrimaryWhenNoStandbyIsListed() {
        assertThat(answeredBy(factory(hosts("primary"), "&target_session_attrs=prefer-standby")))
                .isEqualTo(port("primary"));
    }

    @Test
    void aTargetNoHostMatchesFailsNamingEachHost() {
        factory(hosts("primary", "primary"), "&target_session_attrs=standby").create()
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcException.class)
                        .hasMessageContaining("Could not connect to any of 2 hosts")
                        .hasMessageContaining("localhost:" + port("primary") + ": the server is not in hot standby"))
                .verify(TIMEOUT);
    }

    @Test
    void readOnlyAcceptsAPrimaryWhoseSessionsDefaultToReadOnly() {
        // libpq: read-only means default_transaction_read_only=on or hot standby; reported in ParameterStatus.
        String readOnly = "&options=-c%20default_transaction_read_only%3Don";
        assertThat(answeredBy(factory(hosts("primary"), "&target_session_attrs=read-only" + readOnly)))
                .isEqualTo(port("primary"));
        factory(hosts("primary"), "&target_session_attrs=read-write" + readOnly).create()
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("read-only"))
                .verify(TIMEOUT);
        assertThat(answeredBy(factory(hosts("primary"), "&target_session_attrs=primary" + readOnly)))
                .isEqualTo(port("primary"));
    }

    @Test
    void aDeadFirstHostIsSkipped() throws IOException {
        assertThat(answeredBy(factory(hosts("port:" + deadPort(), "standby"), ""))).isEqualTo(port("standby"));
    }

    @Test
    void connectTimeoutAppliesPerHostAndTheErrorListsEachFailure() throws IOException {
        int dead = deadPort();
        // A listening socket nobody accepts from: TCP connects, the startup is never answered.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            assertThat(answeredBy(factory("localhost:" + silent.getLocalPort() + "," + hosts("primary"),
                    "&connect_timeout=1"))).isEqualTo(port("primary"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            factory("localhost:" + silent.getLocalPort() + ",localhost:" + dead, "&connect_timeout=1").create()
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e)
                            .hasMessageContaining("localhost:" + silent.getLocalPort() + ": Connection to localhost:"
                                    + silent.getLocalPort() + " not established within PT1S")
                            .hasMessageContaining("; localhost:" + dead + ": Cannot connect to localhost:" + dead))
                    .verify(TIMEOUT);
        }
    }

    @Test
    void loadBalanceHostsRandomReachesBothServers() {
        PgConnectionFactory factory = factory(hosts("primary", "standby"), "&load_balance_hosts=random");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 40 && seen.size() < 2; i++) {
            seen.add(answeredBy(factory));
        }
        assertThat(seen).containsExactlyInAnyOrder(port("primary"), port("standby"));
        PgConnectionFactory inOrder = factory(hosts("primary", "standby"), "");
        for (int i = 0; i < 5; i++) {
            assertThat(answeredBy(inOrder)).isEqualTo(port("primary"));
        }
    }

    @Test
    void failoverReadWriteFindsThePromotedStandby() {
        try (PostgresPair own = PostgresFixture.newPair()) {
            String hosts = "localhost:" + own.primary().port() + ",localhost:" + own.standby().port();
            PgConnectionFactory factory = factory(hosts, "&target_session_attrs=read-write");
            assertThat(answeredBy(factory)).isEqualTo(own.primary().port());
            own.stopPrimary();
            factory.create().as(StepVerifier::create).expectError(R2dbcException.class).verify(TIMEOUT);
            own.promoteStandby();
            assertThat(answeredBy(factory)).isEqualTo(own.standby().port());
        }
    }

    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
