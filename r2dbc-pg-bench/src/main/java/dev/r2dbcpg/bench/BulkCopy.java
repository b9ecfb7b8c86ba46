package dev.r2dbcpg.bench;

import dev.r2dbcpg.core.PgConnectionFactory;

/**
 * W4's fastest path: {@code COPY bench_load FROM STDIN}. Only drivers with a COPY API implement it: pgjdbc
 * ({@link JdbcCopy}, text format through {@code CopyManager}) and r2dbc-pg ({@link PgCopyRows}, binary format
 * through {@code copyInRows}).
 */
interface BulkCopy extends AutoCloseable {

    /** Copies {@code rows} into {@code bench_load}; returns the row count the server reported. */
    long copyIn(LoadRows rows);

    @Override
    void close();

    /** The COPY implementation of the named driver. */
    static BulkCopy open(String driver, BenchDatabase db) {
        return switch (driver) {
            case Drivers.PGJDBC -> new JdbcCopy(Drivers.hikari(db, 1));
            case Drivers.R2DBC_PG -> new PgCopyRows((PgConnectionFactory) Drivers.r2dbcPg(db));
            default -> throw new IllegalArgumentException("No COPY benchmark for driver " + driver);
        };
    }
}
