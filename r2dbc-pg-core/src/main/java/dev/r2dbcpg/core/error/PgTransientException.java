package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcTransientException;
import org.jspecify.annotations.Nullable;

/**
 * A server error after which retrying may succeed and that no more specific family describes. No
 * SQLSTATE maps here at present; kept so that future mappings stay in the family.
 *
 * <p>{@link #getMessage()} is {@code [SQLSTATE] message}, followed by {@code  Detail: ...} and
 * {@code  Hint: ...} when the server sent them; {@link #getSqlState()} is the SQLSTATE and
 * {@link #getSql()} the failed SQL. Made by {@link PgExceptionFactory}.
 */
public final class PgTransientException extends R2dbcTransientException implements PgServerError {

    private static final long serialVersionUID = 1L;

    private final PgErrorDetails details;

    /**
     * @param details the error's fields
     * @param sql the SQL that failed, or {@code null}
     */
    public PgTransientException(PgErrorDetails details, @Nullable String sql) {
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
