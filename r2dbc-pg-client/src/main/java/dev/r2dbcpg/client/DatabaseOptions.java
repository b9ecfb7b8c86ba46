package dev.r2dbcpg.client;

import org.jspecify.annotations.Nullable;

/**
 * How {@link PgAdmin#createDatabase} creates a database; start from {@link #defaults()}. A {@code null}
 * leaves the server's default.
 *
 * @param owner the owning role
 * @param template the database to copy ({@code template1} by default; {@code template0} for another encoding)
 * @param encoding the character set, as PostgreSQL names it ({@code UTF8}, {@code LATIN1}, ...)
 */
public record DatabaseOptions(@Nullable String owner, @Nullable String template, @Nullable String encoding) {

    private static final DatabaseOptions DEFAULTS = new DatabaseOptions(null, null, null);

    /** The server's defaults. */
    public static DatabaseOptions defaults() {
        return DEFAULTS;
    }

    /** These options with the owner. */
    public DatabaseOptions owner(@Nullable String owner) {
        return new DatabaseOptions(owner, template, encoding);
    }

    /** These options with the template. */
    public DatabaseOptions template(@Nullable String template) {
        return new DatabaseOptions(owner, template, encoding);
    }

    /** These options with the encoding. */
    public DatabaseOptions encoding(@Nullable String encoding) {
        return new DatabaseOptions(owner, template, encoding);
    }
}
