package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcTransientResourceException;
import org.jspecify.annotations.Nullable;

/**
 * The server lacks a resource for now: SQLSTATE class {@code 53} (insufficient resources: disk full,
 * out of memory, too many connections). Retrying later may succeed.
 *
 * <p>{@link #getMessage()} is {@code [SQLSTATE] message}, followed by {@code  Detail: ...} and
 * {@code  Hint: ...} when the server sent them; {@link #getSqlState()} is the SQLSTATE and
 * {@link #getSql()} the failed SQL. Made by {@link PgExceptionFactory}.
 */
public class PgTransientResourceException extends R2dbcTransientResourceException implements PgServerError {

    private static final long serialVersionUID = 1L;

    private final PgErrorDetails details;

    /**
     * @param details the error's fields
     * @param sql the SQL that failed, or {@code null}
     */
    public PgTransientResourceException(PgErrorDetails details, @Nullable String sql) {
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
     * {@code 53300} ({@code too_many_connections}):
     * The server has no connection slot left ({@code max_connections}).
     */
    public static final class TooManyConnections extends PgTransientResourceException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public TooManyConnections(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 53100} ({@code disk_full}):
     * The server's disk is full.
     */
    public static final class DiskFull extends PgTransientResourceException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public DiskFull(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }
}
