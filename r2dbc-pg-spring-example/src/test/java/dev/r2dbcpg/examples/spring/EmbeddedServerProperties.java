package dev.r2dbcpg.examples.spring;

import dev.r2dbcpg.testing.PostgresFixture;
import dev.r2dbcpg.testing.PostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the application's {@code spring.r2dbc.*} properties at the embedded server of r2dbc-pg-testing. */
final class EmbeddedServerProperties {

    /** The pool size the tests run with: smaller than their 50 concurrent requests, so that they queue. */
    static final int POOL_SIZE = 10;

    private EmbeddedServerProperties() {
    }

    /** Registers the URL and credentials of the shared server, starting it on first use. */
    static void register(DynamicPropertyRegistry registry) {
        PostgresServer server = PostgresFixture.shared();
        String host = server.host().contains(":") ? "[" + server.host() + "]" : server.host();
        registry.add("spring.r2dbc.url", () -> "r2dbc:pgpool://" + host + ":" + server.port() + "/"
                + server.database() + "?maxSize=" + POOL_SIZE + "&acquireTimeout=20s");
        registry.add("spring.r2dbc.username", () -> server.superuser().user());
        registry.add("spring.r2dbc.password", () -> server.superuser().password());
    }
}
