package dev.r2dbcpg.core;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One finished query, for a {@link QueryLogger}.
 *
 * @param sql the SQL text as given
 * @param parameterCount the number of bound parameters (0 for the simple protocol)
 * @param parameters the bound values (null entries for NULL); empty unless the logger was added with
 *     values enabled, as they may hold personal data or secrets
 * @param elapsed from subscription to completion, failure or cancellation
 * @param rows rows returned plus rows affected
 * @param error the first error (server or connection), or null
 * @param cancelled whether the subscriber cancelled before the end
 */
public record PgQueryEvent(String sql, int parameterCount, List<@Nullable Object> parameters, Duration elapsed,
        long rows, @Nullable Throwable error, boolean cancelled) {
}
