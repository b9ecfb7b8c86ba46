package dev.r2dbcpg.client;

import org.jspecify.annotations.Nullable;

/**
 * How {@link PgSchema#createIndex} builds its index; start from {@link #defaults()}.
 *
 * @param unique {@code CREATE UNIQUE INDEX}
 * @param name the index name (one identifier: an index lives in its table's schema), or {@code null} for
 *     the name PostgreSQL chooses ({@code <table>_<columns>_idx})
 * @param method the access method ({@code btree}, {@code hash}, {@code gin}, {@code gist}, {@code brin},
 *     {@code spgist}, or an extension's), or {@code null} for the default (btree)
 * @param concurrently {@code CONCURRENTLY}: builds without locking writes out; cannot run in a
 *     transaction block (the helpers never open one)
 */
public record IndexOptions(boolean unique, @Nullable String name, @Nullable String method, boolean concurrently) {

    private static final IndexOptions DEFAULTS = new IndexOptions(false, null, null, false);

    /** Not unique, named by the server, btree, not concurrently. */
    public static IndexOptions defaults() {
        return DEFAULTS;
    }

    /** These options with {@code unique}. */
    public IndexOptions unique(boolean unique) {
        return new IndexOptions(unique, name, method, concurrently);
    }

    /** These options with the index name. */
    public IndexOptions name(@Nullable String name) {
        return new IndexOptions(unique, name, method, concurrently);
    }

    /** These options with the access method. */
    public IndexOptions method(@Nullable String method) {
        return new IndexOptions(unique, name, method, concurrently);
    }

    /** These options with {@code concurrently}. */
    public IndexOptions concurrently(boolean concurrently) {
        return new IndexOptions(unique, name, method, concurrently);
    }
}
