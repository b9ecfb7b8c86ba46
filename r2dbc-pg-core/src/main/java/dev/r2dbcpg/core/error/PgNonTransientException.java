package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcNonTransientException;
import org.jspecify.annotations.Nullable;

/**
 * A server error that no more specific family describes: e.g. SQLSTATE classes {@code 0A} (feature
 * not supported), {@code 25} (invalid transaction state), {@code 54} (program limit exceeded),
 * {@code P0} (PL/pgSQL, e.g. {@code RAISE EXCEPTION}), {@code XX} (internal error) and any unknown
 * SQLSTATE.
 *
 * <p>{@link #getMessage()} is {@code [SQLSTATE] message}, followed by {@code  Detail: ...} and
 * {@code  Hint: ...} when the server sent them; {@link #getSqlState()} is the SQLSTATE and
 * {@link #getSql()} the failed SQL. Made by {@link PgExceptionFactory}.
 */
public final class PgNonTransientException extends R2dbcNonTransientException implements PgServerError {

    private static final long serialVersionUID = 1L;

    private final PgErrorDetails details;

    /**
     * @param details the error's fields
     * @param sql the SQL that failed, or {@code null}
     */
    public PgNonTransientException(PgErrorDetails details, @Nullable String sql) {
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
}
