package dev.r2dbcpg.client;

/**
 * A privilege of {@code GRANT}/{@code REVOKE}. Which apply depends on the object: tables take SELECT,
 * INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER (and MAINTAIN from PostgreSQL 17); sequences
 * USAGE, SELECT, UPDATE; schemas USAGE, CREATE; databases CONNECT, CREATE, TEMPORARY. The server refuses a
 * privilege that does not apply.
 */
public enum Privilege {
    SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, MAINTAIN, USAGE, CREATE, CONNECT, TEMPORARY,
    /** Every privilege that applies to the object: {@code ALL PRIVILEGES}. */
    ALL;

    String sql() {
        return this == ALL ? "ALL PRIVILEGES" : name();
    }
}
