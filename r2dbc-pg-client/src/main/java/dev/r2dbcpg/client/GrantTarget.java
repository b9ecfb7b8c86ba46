package dev.r2dbcpg.client;

/** The kinds of object {@link PgAdmin#grant} and {@link PgAdmin#revoke} act on. */
public enum GrantTarget {
    /** A table, view or materialized view (the name may be qualified). */
    TABLE,
    /** A sequence (the name may be qualified). */
    SEQUENCE,
    /** A schema. */
    SCHEMA,
    /** A database. */
    DATABASE;

    boolean qualified() {
        return this == TABLE || this == SEQUENCE;
    }
}
