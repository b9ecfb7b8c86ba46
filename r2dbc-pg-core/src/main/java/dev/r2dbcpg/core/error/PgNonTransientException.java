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
public class PgNonTransientException extends R2dbcNonTransientException implements PgServerError {

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

    /**
     * {@code 3D000} ({@code invalid_catalog_name}):
     * The database does not exist (at connect, or in a qualified name).
     */
    public static final class InvalidCatalogName extends PgNonTransientException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public InvalidCatalogName(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 3F000} ({@code invalid_schema_name}):
     * The schema does not exist.
     */
    public static final class InvalidSchemaName extends PgNonTransientException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public InvalidSchemaName(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 25P02} ({@code in_failed_sql_transaction}):
     * The transaction failed earlier: commands are ignored until it ends (ROLLBACK).
     */
    public static final class InFailedSqlTransaction extends PgNonTransientException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public InFailedSqlTransaction(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 25006} ({@code read_only_sql_transaction}):
     * A write in a read-only transaction (or on a standby).
     */
    public static final class ReadOnlySqlTransaction extends PgNonTransientException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public ReadOnlySqlTransaction(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 55006} ({@code object_in_use}):
     * The object is in use by another session (for example {@code DROP DATABASE} of a database with connections).
     */
    public static final class ObjectInUse extends PgNonTransientException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public ObjectInUse(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }
}
