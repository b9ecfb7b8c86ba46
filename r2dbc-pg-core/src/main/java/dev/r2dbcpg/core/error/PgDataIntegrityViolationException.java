package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import org.jspecify.annotations.Nullable;

/**
 * A server error about the data itself: SQLSTATE class {@code 23} (integrity constraint violation)
 * and class {@code 22} (data exception, e.g. division by zero, a value out of range, invalid input
 * syntax for a type).
 *
 * <p>{@link #getMessage()} is {@code [SQLSTATE] message}, followed by {@code  Detail: ...} and
 * {@code  Hint: ...} when the server sent them; {@link #getSqlState()} is the SQLSTATE and
 * {@link #getSql()} the failed SQL. Made by {@link PgExceptionFactory}.
 */
public class PgDataIntegrityViolationException extends R2dbcDataIntegrityViolationException implements PgServerError {

    private static final long serialVersionUID = 1L;

    private final PgErrorDetails details;

    /**
     * @param details the error's fields
     * @param sql the SQL that failed, or {@code null}
     */
    public PgDataIntegrityViolationException(PgErrorDetails details, @Nullable String sql) {
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
     * {@code 23505} ({@code unique_violation}):
     * A unique or primary key constraint would be violated; {@link #constraintName()} names it.
     */
    public static final class UniqueViolation extends PgDataIntegrityViolationException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public UniqueViolation(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 23503} ({@code foreign_key_violation}):
     * A foreign key constraint would be violated; {@link #constraintName()} names it.
     */
    public static final class ForeignKeyViolation extends PgDataIntegrityViolationException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public ForeignKeyViolation(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 23502} ({@code not_null_violation}):
     * A {@code NOT NULL} column would be null; {@link #columnName()} names it.
     */
    public static final class NotNullViolation extends PgDataIntegrityViolationException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public NotNullViolation(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 23514} ({@code check_violation}):
     * A {@code CHECK} constraint would be violated; {@link #constraintName()} names it.
     */
    public static final class CheckViolation extends PgDataIntegrityViolationException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public CheckViolation(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 23P01} ({@code exclusion_violation}):
     * An exclusion constraint would be violated; {@link #constraintName()} names it.
     */
    public static final class ExclusionViolation extends PgDataIntegrityViolationException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public ExclusionViolation(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 22P02} ({@code invalid_text_representation}):
     * A value's text is not valid input for its type ({@code 'abc'::int}).
     */
    public static final class InvalidTextRepresentation extends PgDataIntegrityViolationException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public InvalidTextRepresentation(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 22001} ({@code string_data_right_truncation}):
     * A string is too long for its column ({@code varchar(n)}).
     */
    public static final class StringDataRightTruncation extends PgDataIntegrityViolationException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public StringDataRightTruncation(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 22003} ({@code numeric_value_out_of_range}):
     * A number is out of its type's range.
     */
    public static final class NumericValueOutOfRange extends PgDataIntegrityViolationException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public NumericValueOutOfRange(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }

    /**
     * {@code 22012} ({@code division_by_zero}):
     * Division by zero.
     */
    public static final class DivisionByZero extends PgDataIntegrityViolationException {

        private static final long serialVersionUID = 1L;

        /**
         * @param details the error's fields
         * @param sql the SQL that failed, or {@code null}
         */
        public DivisionByZero(PgErrorDetails details, @Nullable String sql) {
            super(details, sql);
        }
    }
}
