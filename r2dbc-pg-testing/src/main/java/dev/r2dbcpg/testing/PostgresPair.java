package dev.r2dbcpg.testing;

import java.util.Optional;

/**
 * A primary and a streaming hot standby of it, for tests of several hosts, {@code target_session_attrs}
 * and failover. The standby is a {@code pg_basebackup -R} copy of the primary (so it has the fixture's
 * roles, {@code pg_hba.conf} and TLS set-up) and replicates over a physical replication connection.
 *
 * <p>{@link PostgresFixture#pair()} gives one pair shared by the JVM, started on first use; tests must
 * not stop or promote its servers. A test that does (failover) takes its own from
 * {@link PostgresFixture#newPair()} and closes it. Pairs exist only with the fixture's embedded
 * binaries: {@link PostgresFixture#pairUnavailable()} says why not otherwise.
 */
public final class PostgresPair implements AutoCloseable {

    private final EmbeddedPostgres primary;
    private final EmbeddedPostgres standby;

    PostgresPair(EmbeddedPostgres primary, EmbeddedPostgres standby) {
        this.primary = primary;
        this.standby = standby;
    }

    static PostgresPair start(int major) {
        EmbeddedPostgres primary = PostgresFixture.systemBinariesConfigured()
                ? EmbeddedPostgres.start(ServerBinaries.system(major)) : EmbeddedPostgres.start(major);
        try {
            return new PostgresPair(primary, EmbeddedPostgres.startStandby(primary));
        } catch (RuntimeException | Error e) {
            primary.stop();
            throw e;
        }
    }

    /** The primary (read-write). */
    public PostgresServer primary() {
        return primary;
    }

    /** The hot standby (read-only, {@code in_hot_standby = on}) until {@link #promoteStandby()}. */
    public PostgresServer standby() {
        return standby;
    }

    /** Stops the primary (fast shutdown); its port stops answering. */
    public void stopPrimary() {
        primary.stop();
    }

    /** Promotes the standby ({@code pg_ctl promote}); returns once it accepts read-write sessions. */
    public void promoteStandby() {
        standby.promote();
    }

    /** Stops both servers and deletes their directories. */
    @Override
    public void close() {
        standby.stop();
        primary.stop();
    }

    /** Why no pair can be started here, or empty. */
    static Optional<String> unavailable() {
        if (PostgresFixture.externalUrl(System.getenv()) != null) {
            return Optional.of("PG_TEST_URL names an external server; a primary/standby pair needs embedded binaries");
        }
        return Optional.empty();
    }
}
