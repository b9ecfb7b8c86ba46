package dev.r2dbcpg.bench;

/**
 * W4's fastest path: {@code COPY bench_load FROM STDIN}. Only drivers with a COPY API implement it; today that
 * is pgjdbc ({@link JdbcCopy}). r2dbc-pg joins with one class implementing this interface and one case in
 * {@link #open}, plus its name in {@code W4Copy}'s {@code driver} parameter.
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
            default -> throw new IllegalArgumentException("No COPY benchmark for driver " + driver);
        };
    }
}
