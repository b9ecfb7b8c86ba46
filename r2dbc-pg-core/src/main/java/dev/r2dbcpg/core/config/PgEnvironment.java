package dev.r2dbcpg.core.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code PG*} environment variables libpq reads ({@code PGHOST}, {@code PGPORT}, {@code PGUSER},
 * {@code PGPASSWORD}, {@code PGSSLMODE} ...; the full list is in {@code docs/connection-options.md}).
 * A variable only fills a setting that was not given explicitly; an empty variable counts as unset.
 * Tests pass their own map with {@link #of(Map)}.
 */
public final class PgEnvironment {

    private static final PgEnvironment SYSTEM = new PgEnvironment(System.getenv());

    private final Map<String, String> variables;

    private PgEnvironment(Map<String, String> variables) {
        this.variables = variables;
    }

    /** The process environment ({@link System#getenv()}). */
    public static PgEnvironment system() {
        return SYSTEM;
    }

    /** An environment made of {@code variables} only; the map is copied. */
    public static PgEnvironment of(Map<String, String> variables) {
        return new PgEnvironment(Map.copyOf(variables));
    }

    /** The value of {@code name}, or null when it is unset or empty. */
    public @Nullable String get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * Applies variables to every setting of {@code builder} that is still unset.
     *
     * @throws IllegalArgumentException naming the variable when a value is malformed
     */
    void applyTo(PgConnectionConfiguration.Builder builder) {
        for (OptionTable.Entry entry : OptionTable.entries()) {
            String name = entry.env();
            if (name == null || entry.isSet().test(builder)) {
                continue;
            }
            String value = get(name);
            if (value != null) {
                entry.apply(builder, name, value);
            }
        }
    }

    /** The operating-system user, as libpq's last fallback for the user name. */
    String osUserName() {
        return System.getProperty("user.name", "postgres");
    }

    /** libpq's default password file: {@code %APPDATA%\postgresql\pgpass.conf} on Windows, else {@code ~/.pgpass}. */
    Path defaultPassfile() {
        String appData = get("APPDATA");
        if (appData != null && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Path.of(appData, "postgresql", "pgpass.conf");
        }
        return Path.of(System.getProperty("user.home", ""), ".pgpass");
    }

    /**
     * libpq's directory of TLS defaults: {@code %APPDATA%\\postgresql} on Windows, else
     * {@code $HOME/.postgresql} (libpq reads {@code HOME} first, then the account's home directory).
     */
    Path tlsDirectory() {
        String appData = get("APPDATA");
        if (appData != null && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Path.of(appData, "postgresql");
        }
        String home = get("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home", ""), ".postgresql");
    }

    /** Lists which variables are set, never their values. */
    @Override
    public String toString() {
        return "PgEnvironment" + variables.keySet().stream().filter(k -> k.startsWith("PG")).sorted().toList();
    }
}
