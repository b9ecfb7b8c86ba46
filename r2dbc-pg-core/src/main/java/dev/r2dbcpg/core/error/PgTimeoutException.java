package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A statement was stopped before it completed: {@code 57014} (query canceled, by a cancel request or
 * {@code statement_timeout}) and {@code 55P03} (lock not available, {@code lock_timeout} or
 * {@code NOWAIT}).
 *
 * <p>{@link #getMessage()} is {@code [SQLSTATE] message}, followed by {@code  Detail: ...} and
 * {@code  Hint: ...} when the server sent them; {@link #getSqlState()} is the SQLSTATE and
 * {@link #getSql()} the failed SQL. Made by {@link PgExceptionFactory}.
 */
public class PgTimeoutException extends R2dbcTimeoutException implements PgServerError {

    private static final long serialVersionUID = 1L;

    private final PgErrorDetails details;

    /**
     * @param details the error's fields
     * @param sql the SQL that failed, or {@code null}
     */
    public PgTimeoutException(PgErrorDetails details, @Nullable String sql) {
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
     * {@code 57014} ({@code query_canceled}):
     * The statement was canceled by a cancel request or {@code statement_timeout}.
     */
    public static final class QueryCanceled extends PgTimeoutException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public QueryCanceled(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 55P03} ({@code lock_not_available}):
     * A lock could not be acquired in time ({@code lock_timeout}) or at once ({@code NOWAIT}).
     */
    public static final class LockNotAvailable extends PgTimeoutException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public LockNotAvailable(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }
}
