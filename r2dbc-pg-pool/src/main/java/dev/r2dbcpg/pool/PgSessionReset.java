package dev.r2dbcpg.pool;

import dev.r2dbcpg.core.PgConnection;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The default {@link PgPoolConfiguration#reset() reset}: asyncpg's, chosen from what the server supports.
 *
 * <p>On PostgreSQL it sends, without a round trip of its own ({@link PgConnection#deferCommands(String)}: written
 * ahead of the next borrower's first request, in the same flush, reading no result; an error in it closes the
 * connection, so the next request fails rather than run on a session that was not reset):
 * {@code SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; SET SESSION AUTHORIZATION DEFAULT;
 * RESET ALL; DISCARD TEMP; DISCARD SEQUENCES} (the last from 9.4). That releases session advisory
 * locks, closes cursors, stops listening, restores the session user and every setting changed with
 * {@code SET}, drops temporary tables and forgets {@code currval}. It is {@code DISCARD ALL} without
 * {@code DEALLOCATE ALL} and {@code DISCARD PLANS}: the driver's cached prepared statements survive.
 * Servers that only speak the protocol (CockroachDB, Amazon Redshift, CrateDB), recognised by the
 * parameters they report, get only the statements they accept. The pool rolls back an open transaction
 * before any reset runs.
 *
 * <p>The pool skips it when nothing can have changed the session since its last reset: the borrower sent the
 * server nothing through the pooled connection and never unwrapped it, and no {@code init} or {@code setup}
 * hook or validation query is configured. {@link #none()} turns it off altogether.
 *
 * <p>{@code RESET ALL} also undoes a {@code SET} made by an {@code init} hook; settings every session
 * needs belong in the connection's {@code serverSettings} (sent at startup) or in a {@code setup} hook.
 */
public final class PgSessionReset {

    private static final PgPoolConfiguration.Hook STANDARD = connection -> connection.deferCommands(sql(connection));

    /** The SQL for the server last seen; every connection of a pool usually talks to the same kind. */
    private static volatile Cached cached = new Cached("", false, false, false, "");

    private static final PgPoolConfiguration.Hook NONE = connection -> Mono.empty();

    private PgSessionReset() {
    }

    /** The default reset hook. */
    public static PgPoolConfiguration.Hook standard() {
        return STANDARD;
    }

    /**
     * No session reset: an opt-in for pools whose borrowers never change session state, worth about one
     * round trip and the server work of seven statements per release. The pool still rolls back an open
     * or failed transaction and restores auto-commit, but everything else a borrower did to its session
     * stays for the next one: settings changed with {@code SET} (or {@code set_config}, from any function),
     * {@code SET ROLE} and {@code SET SESSION AUTHORIZATION}, temporary tables, {@code LISTEN}s, session
     * advisory locks, cursors {@code WITH HOLD}, sequence {@code currval}s. Use it only when no code path that
     * borrows from the pool can do any of that, or when every borrower sets what it relies on itself.
     */
    public static PgPoolConfiguration.Hook none() {
        return NONE;
    }

    /** Whether {@code hook} is {@link #none()}, which the pool skips without scheduling anything. */
    static boolean isNone(PgPoolConfiguration.Hook hook) {
        return hook == NONE;
    }

    private record Cached(String version, boolean redshift, boolean cockroach, boolean crate, String sql) {
    }

    /** The reset SQL for the connection's server, built once per kind of server rather than on every release. */
    private static String sql(PgConnection connection) {
        Map<String, String> parameters = connection.serverParameters();
        String version = parameters.getOrDefault("server_version", "");
        boolean redshift = parameters.containsKey("padb_revision");
        boolean cockroach = parameters.containsKey("crdb_version");
        boolean crate = parameters.containsKey("crate_version");
        Cached c = cached;
        if (!c.version().equals(version) || c.redshift() != redshift || c.cockroach() != cockroach
                || c.crate() != crate) {
            // A racy single reference is enough: the record is immutable.
            c = new Cached(version, redshift, cockroach, crate, sql(parameters));
            cached = c;
        }
        return c.sql();
    }

    /** The reset SQL for a server that reported {@code parameters} (ParameterStatus). */
    static String sql(Map<String, String> parameters) {
        boolean redshift = parameters.containsKey("padb_revision");
        boolean cockroach = parameters.containsKey("crdb_version");
        boolean crate = parameters.containsKey("crate_version");
        boolean postgres = !redshift && !cockroach && !crate;
        StringBuilder sql = new StringBuilder();
        if (postgres) {
            sql.append("SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; SET SESSION AUTHORIZATION DEFAULT; ");
        }
        if (postgres || redshift) {
            sql.append("RESET ALL; ");
        }
        if (postgres) {
            sql.append("DISCARD TEMP; ");
            if (versionNum(parameters.getOrDefault("server_version", "")) >= 90400) {
                sql.append("DISCARD SEQUENCES; ");
            }
        }
        if (sql.length() == 0) {
            return "SELECT 1";
        }
        return sql.substring(0, sql.length() - 1);
    }

    /**
     * {@code server_version} as {@code server_version_num} would be: {@code 9.6.3} is 90603, {@code 18.1 (Debian)}
     * is 180001; 0 when it cannot be read.
     */
    static int versionNum(String version) {
        int[] parts = new int[3];
        int part = 0;
        boolean digits = false;
        for (int i = 0; i < version.length() && part < 3; i++) {
            char c = version.charAt(i);
            if (c >= '0' && c <= '9') {
                parts[part] = parts[part] * 10 + (c - '0');
                digits = true;
            } else if (c == '.' && digits) {
                part++;
                digits = false;
            } else {
                break;
            }
        }
        if (parts[0] >= 10) {
            return parts[0] * 10000 + parts[1];
        }
        return parts[0] * 10000 + parts[1] * 100 + parts[2];
    }
}
