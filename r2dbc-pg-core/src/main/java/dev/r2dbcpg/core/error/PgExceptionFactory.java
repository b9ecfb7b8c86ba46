package dev.r2dbcpg.core.error;

import java.util.Objects;

import io.r2dbc.spi.R2dbcException;
import org.jspecify.annotations.Nullable;

/**
 * Turns the fields of a server {@code ErrorResponse} into the R2DBC exception of the right family.
 *
 * <p>Exact SQLSTATEs are matched first, in the table {@link PgSqlState} (each has its own class, nested in
 * its family's: {@code 23505} is {@link PgDataIntegrityViolationException.UniqueViolation}, {@code 42P01}
 * {@link PgBadGrammarException.UndefinedTable} ...), then the two-character class (see the PostgreSQL manual,
 * appendix "PostgreSQL Error Codes"):
 *
 * <table>
 * <caption>SQLSTATE to exception</caption>
 * <tr><th>SQLSTATE</th><th>exception</th><th>R2DBC family</th></tr>
 * <tr><td>those of {@link PgSqlState}</td><td>the class it names</td><td>the class's family</td></tr>
 * <tr><td>class 08, 57 (other than 57014), 58</td><td>{@link PgNonTransientResourceException}</td>
 *     <td>non-transient resource</td></tr>
 * <tr><td>class 22, 23</td><td>{@link PgDataIntegrityViolationException}</td><td>data integrity violation
 *     (22 is "data exception": a bad value, not bad SQL)</td></tr>
 * <tr><td>class 28</td><td>{@link PgPermissionDeniedException}</td><td>permission denied</td></tr>
 * <tr><td>class 40</td><td>{@link PgRollbackException}</td><td>rollback</td></tr>
 * <tr><td>class 42</td><td>{@link PgBadGrammarException}</td><td>bad grammar</td></tr>
 * <tr><td>class 53</td><td>{@link PgTransientResourceException}</td><td>transient resource</td></tr>
 * <tr><td>anything else, e.g. 0A, 25 (a retry alone does not help: the transaction must end
 *     first), 3D, 3F, 54, 55, P0, XX, or no SQLSTATE</td><td>{@link PgNonTransientException}</td><td>non-transient</td></tr>
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
        PgSqlState state = PgSqlState.of(code);
        if (state != null) {
            return state.create(details, sql);
        }
        return switch (code.substring(0, 2)) {
            case "08", "57", "58" -> new PgNonTransientResourceException(details, sql);
            case "22", "23" -> new PgDataIntegrityViolationException(details, sql);
            case "28" -> new PgPermissionDeniedException(details, sql);
            case "40" -> new PgRollbackException(details, sql);
            case "42" -> new PgBadGrammarException(details, sql);
            case "53" -> new PgTransientResourceException(details, sql);
            default -> new PgNonTransientException(details, sql);
        };
    }
}
