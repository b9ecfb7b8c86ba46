package dev.r2dbcpg.client;

import dev.r2dbcpg.core.error.PgErrorDetails;
import dev.r2dbcpg.core.error.PgExceptionFactory;
import dev.r2dbcpg.core.error.PgServerError;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a secret that was part of a statement (a password verifier) out of the errors that statement
 * causes: the exception carries the SQL, and the server may echo it in the message or a field.
 */
final class Secrets {

    static final String HIDDEN = "********";

    private Secrets() {
    }

    /**
     * {@code error}, or when it (or its causes) mentions {@code secret}, an exception of the same kind with
     * every mention replaced by {@link #HIDDEN} and no cause (the cause would mention it again).
     */
    static Throwable scrub(Throwable error, String secret) {
        if (!mentions(error, secret)) {
            return error;
        }
        if (error instanceof PgServerError server) {
            Map<Character, String> fields = new HashMap<>();
            server.errorDetails().fields().forEach((type, value) -> fields.put(type, hide(value, secret)));
            return PgExceptionFactory.create(PgErrorDetails.of(fields), hideNullable(server.sql(), secret));
        }
        if (error instanceof R2dbcException r2dbc) {
            return new R2dbcNonTransientResourceException(hideNullable(r2dbc.getMessage(), secret), r2dbc.getSqlState(),
                    r2dbc.getErrorCode(), hideNullable(r2dbc.getSql(), secret));
        }
        return new IllegalStateException(hideNullable(error.getMessage(), secret));
    }

    private static boolean mentions(@Nullable Throwable error, String secret) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (contains(e.getMessage(), secret) || e instanceof R2dbcException r && contains(r.getSql(), secret)
                    || e instanceof PgServerError s && s.errorDetails().fields().values().stream()
                            .anyMatch(v -> v.contains(secret))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(@Nullable String text, String secret) {
        return text != null && text.contains(secret);
    }

    private static String hide(String text, String secret) {
        return text.replace(secret, HIDDEN);
    }

    private static @Nullable String hideNullable(@Nullable String text, String secret) {
        return text == null ? null : hide(text, secret);
    }
}
