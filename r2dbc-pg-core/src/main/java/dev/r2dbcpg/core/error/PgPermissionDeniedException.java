package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcPermissionDeniedException;
import org.jspecify.annotations.Nullable;

/**
 * A server error refusing access: SQLSTATE class {@code 28} (invalid authorization specification)
 * and {@code 42501} (insufficient privilege).
 *
 * <p>{@link #getMessage()} is {@code [SQLSTATE] message}, followed by {@code  Detail: ...} and
 * {@code  Hint: ...} when the server sent them; {@link #getSqlState()} is the SQLSTATE and
 * {@link #getSql()} the failed SQL. Made by {@link PgExceptionFactory}.
 */
public class PgPermissionDeniedException extends R2dbcPermissionDeniedException implements PgServerError {

    private static final long serialVersionUID = 1L;

    private final PgErrorDetails details;

    /**
     * @param details the error's fields
     * @param sql the SQL that failed, or {@code null}
     */
    public PgPermissionDeniedException(PgErrorDetails details, @Nullable String sql) {
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
     * {@code 28P01} ({@code invalid_password}):
     * Password authentication failed.
     */
    public static final class InvalidPassword extends PgPermissionDeniedException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public InvalidPassword(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }
}
