package dev.r2dbcpg.postgis;

import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.core.config.ConnectionStrings;
import dev.r2dbcpg.testing.PostgresFixture;
import dev.r2dbcpg.testing.PostgresServer;
import java.time.Duration;
import java.util.Optional;

/**
 * The server of this module's integration tests: the system's PostgreSQL 15 with Debian's
 * {@code postgresql-15-postgis-3}, the extension created in its database. Tests skip with
 * {@link #unavailable()} as the reason where either is missing.
 */
final class PostgisServer {

    static final int MAJOR = 15;

    private PostgisServer() {
    }

    /** Why PostGIS cannot be tested here; empty when it can (and then the extension exists). */
    static Optional<String> unavailable() {
        Optional<String> missing = PostgresFixture.systemUnavailable(MAJOR);
        if (missing.isPresent()) {
            return missing;
        }
        PostgresServer server = PostgresFixture.system(MAJOR);
        if (!server.extensionAvailable("postgis")) {
            return Optional.of("PostGIS is not installed for the system's PostgreSQL " + MAJOR
                    + " (apt-get install postgresql-" + MAJOR + "-postgis-3)");
        }
        server.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        return Optional.empty();
    }

    static PostgresServer server() {
        return PostgresFixture.system(MAJOR);
    }

    /** A factory of the server's database as the superuser, without PostGIS codecs. */
    static PgConnectionFactory factory() {
        return factory(server().database());
    }

    /**
     * A factory of a database of the server, as the superuser; connecting may take up to 30 s (not the
     * default 10), for CI machines shared by several builds.
     */
    static PgConnectionFactory factory(String database) {
        return PgConnectionFactory.create(ConnectionStrings.parse(server().postgresqlUrl()).database(database)
                .connectTimeout(Duration.ofSeconds(30)).build());
    }
}
