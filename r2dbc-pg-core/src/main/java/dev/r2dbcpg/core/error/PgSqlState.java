package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The SQLSTATEs that have an exception class of their own, or a family other than their class's: the one
 * table from which {@link PgExceptionFactory} makes them. Constants are named after PostgreSQL's condition names
 * (appendix "PostgreSQL Error Codes"), the classes after asyncpg's ({@code UndefinedTableError} is
 * {@link PgBadGrammarException.UndefinedTable}); each class is nested in the exception of its R2DBC family,
 * so it is caught by its own type or by its family's. Every other SQLSTATE gets its family's class from its
 * two-character class (see {@link PgExceptionFactory}).
 */
public enum PgSqlState {

    UNIQUE_VIOLATION("23505", PgDataIntegrityViolationException.UniqueViolation::new),
    FOREIGN_KEY_VIOLATION("23503", PgDataIntegrityViolationException.ForeignKeyViolation::new),
    NOT_NULL_VIOLATION("23502", PgDataIntegrityViolationException.NotNullViolation::new),
    CHECK_VIOLATION("23514", PgDataIntegrityViolationException.CheckViolation::new),
    EXCLUSION_VIOLATION("23P01", PgDataIntegrityViolationException.ExclusionViolation::new),
    SERIALIZATION_FAILURE("40001", PgRollbackException.SerializationFailure::new),
    DEADLOCK_DETECTED("40P01", PgRollbackException.DeadlockDetected::new),
    QUERY_CANCELED("57014", PgTimeoutException.QueryCanceled::new),
    LOCK_NOT_AVAILABLE("55P03", PgTimeoutException.LockNotAvailable::new),
    SYNTAX_ERROR("42601", PgBadGrammarException.SyntaxError::new),
    UNDEFINED_TABLE("42P01", PgBadGrammarException.UndefinedTable::new),
    UNDEFINED_COLUMN("42703", PgBadGrammarException.UndefinedColumn::new),
    INVALID_PASSWORD("28P01", PgPermissionDeniedException.InvalidPassword::new),
    /** Class 42 is bad grammar, but this one is about privileges. */
    INSUFFICIENT_PRIVILEGE("42501", PgPermissionDeniedException::new),
    /** Class 25 is non-transient, but these end the session. */
    IDLE_IN_TRANSACTION_SESSION_TIMEOUT("25P03", PgNonTransientResourceException::new),
    IDLE_SESSION_TIMEOUT("25P04", PgNonTransientResourceException::new),
    INVALID_TEXT_REPRESENTATION("22P02", PgDataIntegrityViolationException.InvalidTextRepresentation::new),
    STRING_DATA_RIGHT_TRUNCATION("22001", PgDataIntegrityViolationException.StringDataRightTruncation::new),
    NUMERIC_VALUE_OUT_OF_RANGE("22003", PgDataIntegrityViolationException.NumericValueOutOfRange::new),
    DIVISION_BY_ZERO("22012", PgDataIntegrityViolationException.DivisionByZero::new),
    UNDEFINED_FUNCTION("42883", PgBadGrammarException.UndefinedFunction::new),
    DUPLICATE_TABLE("42P07", PgBadGrammarException.DuplicateTable::new),
    DUPLICATE_COLUMN("42701", PgBadGrammarException.DuplicateColumn::new),
    INVALID_CATALOG_NAME("3D000", PgNonTransientException.InvalidCatalogName::new),
    INVALID_SCHEMA_NAME("3F000", PgNonTransientException.InvalidSchemaName::new),
    IN_FAILED_SQL_TRANSACTION("25P02", PgNonTransientException.InFailedSqlTransaction::new),
    READ_ONLY_SQL_TRANSACTION("25006", PgNonTransientException.ReadOnlySqlTransaction::new),
    OBJECT_IN_USE("55006", PgNonTransientException.ObjectInUse::new),
    TOO_MANY_CONNECTIONS("53300", PgTransientResourceException.TooManyConnections::new),
    DISK_FULL("53100", PgTransientResourceException.DiskFull::new),
    ADMIN_SHUTDOWN("57P01", PgNonTransientResourceException.AdminShutdown::new),
    CRASH_SHUTDOWN("57P02", PgNonTransientResourceException.CrashShutdown::new),
    CANNOT_CONNECT_NOW("57P03", PgNonTransientResourceException.CannotConnectNow::new);

    private static final Map<String, PgSqlState> BY_CODE = new HashMap<>();

    static {
        for (PgSqlState s : values()) {
            BY_CODE.put(s.code, s);
        }
    }

    private final String code;
    private final BiFunction<PgErrorDetails, @Nullable String, R2dbcException> factory;

    PgSqlState(String code, BiFunction<PgErrorDetails, @Nullable String, R2dbcException> factory) {
        this.code = code;
        this.factory = factory;
    }

    /** The five-character SQLSTATE, e.g. {@code 23505}. */
    public String code() {
        return code;
    }

    /**
     * The constant of a SQLSTATE.
     *
     * @param code a SQLSTATE, or null
     * @return its constant, or {@code null} when the code has no class of its own
     */
    public static @Nullable PgSqlState of(@Nullable String code) {
        return code == null ? null : BY_CODE.get(code);
    }

    R2dbcException create(PgErrorDetails details, @Nullable String sql) {
        return factory.apply(details, sql);
    }
}
