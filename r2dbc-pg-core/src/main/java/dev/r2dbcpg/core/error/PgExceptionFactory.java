package dev.r2dbcpg.core.error;

import java.util.Objects;

import io.r2dbc.spi.R2dbcException;
import org.jspecify.annotations.Nullable;

/**
 * Turns the fields of a server {@code ErrorResponse} into the R2DBC exception of the right family.
 *
 * <p>Exact SQLSTATEs are matched first, then the two-character class (see the PostgreSQL manual,
 * appendix "PostgreSQL Error Codes"):
 *
 * <table>
 * <caption>SQLSTATE to exception</caption>
 * <tr><th>SQLSTATE</th><th>exception</th><th>R2DBC family</th></tr>
 * <tr><td>23505</td><td>{@link PgDataIntegrityViolationException.UniqueViolation}</td><td>data integrity violation</td></tr>
 * <tr><td>23503</td><td>{@link PgDataIntegrityViolationException.ForeignKeyViolation}</td><td>data integrity violation</td></tr>
 * <tr><td>23502</td><td>{@link PgDataIntegrityViolationException.NotNullViolation}</td><td>data integrity violation</td></tr>
 * <tr><td>23514</td><td>{@link PgDataIntegrityViolationException.CheckViolation}</td><td>data integrity violation</td></tr>
 * <tr><td>23P01</td><td>{@link PgDataIntegrityViolationException.ExclusionViolation}</td><td>data integrity violation</td></tr>
 * <tr><td>40001</td><td>{@link PgRollbackException.SerializationFailure}</td><td>rollback</td></tr>
 * <tr><td>40P01</td><td>{@link PgRollbackException.DeadlockDetected}</td><td>rollback</td></tr>
 * <tr><td>57014</td><td>{@link PgTimeoutException.QueryCanceled}</td><td>timeout</td></tr>
 * <tr><td>55P03</td><td>{@link PgTimeoutException.LockNotAvailable}</td><td>timeout</td></tr>
 * <tr><td>42601</td><td>{@link PgBadGrammarException.SyntaxError}</td><td>bad grammar</td></tr>
 * <tr><td>42P01</td><td>{@link PgBadGrammarException.UndefinedTable}</td><td>bad grammar</td></tr>
 * <tr><td>42703</td><td>{@link PgBadGrammarException.UndefinedColumn}</td><td>bad grammar</td></tr>
 * <tr><td>28P01</td><td>{@link PgPermissionDeniedException.InvalidPassword}</td><td>permission denied</td></tr>
 * <tr><td>42501</td><td>{@link PgPermissionDeniedException}</td><td>permission denied</td></tr>
 * <tr><td>25P03, 25P04</td><td>{@link PgNonTransientResourceException}</td><td>non-transient resource
 *     (the server ended the session on a timeout)</td></tr>
 * <tr><td>class 08, 57 (other than 57014), 58</td><td>{@link PgNonTransientResourceException}</td>
 *     <td>non-transient resource</td></tr>
 * <tr><td>class 22, 23</td><td>{@link PgDataIntegrityViolationException}</td><td>data integrity violation
 *     (22 is "data exception": a bad value, not bad SQL)</td></tr>
 * <tr><td>class 28</td><td>{@link PgPermissionDeniedException}</td><td>permission denied</td></tr>
 * <tr><td>class 40</td><td>{@link PgRollbackException}</td><td>rollback</td></tr>
 * <tr><td>class 42</td><td>{@link PgBadGrammarException}</td><td>bad grammar</td></tr>
 * <tr><td>class 53</td><td>{@link PgTransientResourceException}</td><td>transient resource</td></tr>
 * <tr><td>anything else, e.g. 0A, 25 (a retry alone does not help: the transaction must end
 *     first), 54, 55, P0, XX, or no SQLSTATE</td><td>{@link PgNonTransientException}</td><td>non-transient</td></tr>
 * </table>
 *
 * <p>Every exception returned implements {@link PgServerError}; its SQLSTATE is
 * {@link R2dbcException#getSqlState()} and the SQL {@link R2dbcException#getSql()}.
 */
public final class PgExceptionFactory {

    private PgExceptionFactory() {
    }

    /**
     * Makes the exception for one server error.
     *
     * @param details the fields of the {@code ErrorResponse}
     * @param sql the SQL whose execution failed, or {@code null} when the error is not tied to one
     *     (e.g. during startup)
     * @return a new exception that implements {@link PgServerError}; never {@code null}
     */
    public static R2dbcException create(PgErrorDetails details, @Nullable String sql) {
        Objects.requireNonNull(details, "details");
        String code = details.code();
        if (code == null || code.length() != 5) {
            return new PgNonTransientException(details, sql);
        }
        return switch (code) {
            case "23505" -> new PgDataIntegrityViolationException.UniqueViolation(details, sql);
            case "23503" -> new PgDataIntegrityViolationException.ForeignKeyViolation(details, sql);
            case "23502" -> new PgDataIntegrityViolationException.NotNullViolation(details, sql);
            case "23514" -> new PgDataIntegrityViolationException.CheckViolation(details, sql);
            case "23P01" -> new PgDataIntegrityViolationException.ExclusionViolation(details, sql);
            case "40001" -> new PgRollbackException.SerializationFailure(details, sql);
            case "40P01" -> new PgRollbackException.DeadlockDetected(details, sql);
            case "57014" -> new PgTimeoutException.QueryCanceled(details, sql);
            case "55P03" -> new PgTimeoutException.LockNotAvailable(details, sql);
            case "42601" -> new PgBadGrammarException.SyntaxError(details, sql);
            case "42P01" -> new PgBadGrammarException.UndefinedTable(details, sql);
            case "42703" -> new PgBadGrammarException.UndefinedColumn(details, sql);
            case "28P01" -> new PgPermissionDeniedException.InvalidPassword(details, sql);
            case "42501" -> new PgPermissionDeniedException(details, sql);
            case "25P03", "25P04" -> new PgNonTransientResourceException(details, sql);
            default -> switch (code.substring(0, 2)) {
                case "08", "57", "58" -> new PgNonTransientResourceException(details, sql);
                case "22", "23" -> new PgDataIntegrityViolationException(details, sql);
                case "28" -> new PgPermissionDeniedException(details, sql);
                case "40" -> new PgRollbackException(details, sql);
                case "42" -> new PgBadGrammarException(details, sql);
                case "53" -> new PgTransientResourceException(details, sql);
                default -> new PgNonTransientException(details, sql);
            };
        };
    }
}
