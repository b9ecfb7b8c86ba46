package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcBadGrammarException;
import org.jspecify.annotations.Nullable;

/**
 * A server error in SQL text or the objects it names: SQLSTATE class {@code 42} (syntax error or
 * access rule violation) except {@code 42501}.
 *
 * <p>{@link #getMessage()} is {@code [SQLSTATE] message}, followed by {@code  Detail: ...} and
 * {@code  Hint: ...} when the server sent them; {@link #getSqlState()} is the SQLSTATE and
 * {@link #getSql()} the failed SQL. Made by {@link PgExceptionFactory}.
 */
public class PgBadGrammarException extends R2dbcBadGrammarException implements PgServerError {

    private static final long serialVersionUID = 1L;

    private final PgErrorDetails details;

    /**
     * @param details the error's fields
     * @param sql the SQL that failed, or {@code null}
     */
    public PgBadGrammarException(PgErrorDetails details, @Nullable String sql) {
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
     * {@code 42601} ({@code syntax_error}):
     * The SQL text does not parse.
     */
    public static final class SyntaxError extends PgBadGrammarException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public SyntaxError(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 42P01} ({@code undefined_table}):
     * A table, view or other relation named in the SQL does not exist.
     */
    public static final class UndefinedTable extends PgBadGrammarException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public UndefinedTable(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 42703} ({@code undefined_column}):
     * A column named in the SQL does not exist.
     */
    public static final class UndefinedColumn extends PgBadGrammarException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public UndefinedColumn(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 42883} ({@code undefined_function}):
     * No function or operator of that name takes these argument types.
     */
    public static final class UndefinedFunction extends PgBadGrammarException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public UndefinedFunction(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 42P07} ({@code duplicate_table}):
     * A table or other relation of that name exists already.
     */
    public static final class DuplicateTable extends PgBadGrammarException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public DuplicateTable(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 42701} ({@code duplicate_column}):
     * A column of that name exists already.
     */
    public static final class DuplicateColumn extends PgBadGrammarException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public DuplicateColumn(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }
}
