package dev.r2dbcpg.core.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds {@link PgConnectionConfiguration#startupParameters()}. */
final class StartupParameters {

    private StartupParameters() {
    }

    static Map<String, String> of(PgConnectionConfiguration c) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", c.user());
        p.put("database", c.database());
        p.put("application_name", c.applicationName());
        if (c.options() != null) {
            p.put("options", c.options());
        }
        p.putAll(c.serverSettings());
        if (c.currentSchema() != null) {
            p.put("search_path", c.currentSchema());
        }
        putMillis(p, "statement_timeout", c.statementTimeout());
        putMillis(p, "lock_timeout", c.lockWaitTimeout());
        putMillis(p, "idle_in_transaction_session_timeout", c.idleInTransactionSessionTimeout());
        return Collections.unmodifiableMap(p);
    }

    private static void putMillis(Map<String, String> p, String name, @Nullable Duration d) {
        if (d != null) {
            p.put(name, Long.toString(d.toMillis()));
        }
    }
}
