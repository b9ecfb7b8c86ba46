package dev.r2dbcpg.core;

import io.r2dbc.spi.Option;

/** PostgreSQL's own transaction attributes, for {@code io.r2dbc.spi.TransactionDefinition}. */
public final class PgTransactionOptions {

    /**
     * {@code DEFERRABLE} (true) or {@code NOT DEFERRABLE} (false): with {@code SERIALIZABLE} and read-only,
     * a deferrable transaction waits for a snapshot that cannot fail with a serialization error.
     */
    public static final Option<Boolean> DEFERRABLE = Option.valueOf("deferrable");

    private PgTransactionOptions() {
    }
}
