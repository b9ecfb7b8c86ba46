package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcRollbackException;
import org.jspecify.annotations.Nullable;

/**
 * The server rolled back the transaction: SQLSTATE class {@code 40} (transaction rollback). Retrying
 * the whole transaction may succeed.
 *
 * <p>{@link #getMessage()} is {@code [SQLSTATE] message}, followed by {@code  Detail: ...} and
 * {@code  Hint: ...} when the server sent them; {@link #getSqlState()} is the SQLSTATE and
 * {@link #getSql()} the failed SQL. Made by {@link PgExceptionFactory}.
 */
public class PgRollbackException extends R2dbcRollbackException implements PgServerError {

    private static final long serialVersionUID = 1L;

    private final PgErrorDetails details;

    /**
     * @param details the error's fields
     * @param sql the SQL that failed, or {@code null}
     */
    public PgRollbackException(PgErrorDetails details, @Nullable String sql) {
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
     * {@code 40001} ({@code serialization_failure}):
     * The transaction could not be serialized with concurrent ones; retry it.
     */
    public static final class SerializationFailure extends PgRollbackException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public SerializationFailure(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 40P01} ({@code deadlock_detected}):
     * The transaction was chosen as the victim of a deadlock; retry it.
     */
    public static final class DeadlockDetected extends PgRollbackException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public DeadlockDetected(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }
}
