package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.jspecify.annotations.Nullable;

/**
 * The server or the connection failed: SQLSTATE class {@code 08} (connection exception), {@code 25P03}
 * and {@code 25P04} (session terminated by a timeout), class {@code 57} (operator intervention, e.g.
 * {@code 57P01} admin shutdown) except {@code 57014}, and class {@code 58} (system error).
 *
 * <p>{@link #getMessage()} is {@code [SQLSTATE] message}, followed by {@code  Detail: ...} and
 * {@code  Hint: ...} when the server sent them; {@link #getSqlState()} is the SQLSTATE and
 * {@link #getSql()} the failed SQL. Made by {@link PgExceptionFactory}.
 */
public class PgNonTransientResourceException extends R2dbcNonTransientResourceException implements PgServerError {

    private static final long serialVersionUID = 1L;

    private final PgErrorDetails details;

    /**
     * @param details the error's fields
     * @param sql the SQL that failed, or {@code null}
     */
    public PgNonTransientResourceException(PgErrorDetails details, @Nullable String sql) {
        super(details.exceptionMessage(), details.code(), 0, sql);
        this.details = details;
    }

    @Override
    public PgErrorDetails errorDetails() {
        return details;
    }

    @Override
    public @Nullable String sql() {
        return getSql();
    }

    /**
     * {@code 57P01} ({@code admin_shutdown}):
     * The server is shutting down, or an administrator ended the session ({@code pg_terminate_backend}).
     */
    public static final class AdminShutdown extends PgNonTransientResourceException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public AdminShutdown(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 57P02} ({@code crash_shutdown}):
     * Another server process crashed; the server ends every session.
     */
    public static final class CrashShutdown extends PgNonTransientResourceException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public CrashShutdown(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 57P03} ({@code cannot_connect_now}):
     * The server is starting up, shutting down or in recovery and takes no connections now.
     */
    public static final class CannotConnectNow extends PgNonTransientResourceException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public CannotConnectNow(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }
}
