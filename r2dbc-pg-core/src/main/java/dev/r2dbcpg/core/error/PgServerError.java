package dev.r2dbcpg.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Implemented by every exception made from a server {@code ErrorResponse}: gives access to all its
 * fields and to the SQL that caused it.
 *
 * <pre>{@code
 * .onErrorResume(PgServerError.class::isInstance, e -> {
 *     PgServerError pg = (PgServerError) e;
 *     log.warn("{} on {}", pg.constraintName(), pg.tableName());
 *     ...
 * })
 * }</pre>
 */
public interface PgServerError {

    /** All fields the server sent with the error. */
    PgErrorDetails errorDetails();

    /** The SQL whose execution failed, or {@code null} when the error is not tied to a statement. */
    @Nullable String sql();

    /** The SQLSTATE ({@code C} field), e.g. {@code 23505}. */
    default @Nullable String sqlState() {
        return errorDetails().code();
    }

    /** The SQLSTATE as a {@link PgSqlState}, or {@code null} when it has no class of its own. */
    default @Nullable PgSqlState knownSqlState() {
        return PgSqlState.of(errorDetails().code());
    }

    /** The server's primary message ({@code M} field), without SQLSTATE, detail or hint. */
    default @Nullable String serverMessage() {
        return errorDetails().message();
    }

    /** The {@code D} field. */
    default @Nullable String detail() {
        return errorDetails().detail();
    }

    /** The {@code H} field. */
    default @Nullable String hint() {
        return errorDetails().hint();
    }

    /** The {@code P} field as a 1-based character position in {@link #sql()}, or {@code null}. */
    default @Nullable Integer position() {
        return errorDetails().positionNumber();
    }

    /** The {@code s} field. */
    default @Nullable String schemaName() {
        return errorDetails().schemaName();
    }

    /** The {@code t} field. */
    default @Nullable String tableName() {
        return errorDetails().tableName();
    }

    /** The {@code c} field. */
    default @Nullable String columnName() {
        return errorDetails().columnName();
    }

    /** The {@code n} field. */
    default @Nullable String constraintName() {
        return errorDetails().constraintName();
    }
}
