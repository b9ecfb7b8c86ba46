package dev.r2dbcpg.bench;

/**
 * One driver as the workloads use it: a fixed number of open connections and one blocking method per
 * workload, each written the way that driver's own documentation would have it. Every method checks what the
 * server returned and throws {@link WrongResultException} when it is wrong.
 *
 * <p>A new workload that every driver supports is a method here; one that only some drivers support (COPY,
 * a pool) is its own small interface ({@link BulkCopy}) so that adding a driver to it is one class.
 */
interface BenchDriver extends AutoCloseable {

    /** W1: {@link BenchDatabase#POINT_SELECT} for {@code id} on the first connection; returns {@code val}. */
    long pointSelect(int id);

    /**
     * W2: one point select per id, all in flight at once, spread round-robin over the open connections
     * (pipelined where the driver can); returns the sum of {@code val}.
     */
    long pointSelectConcurrently(int[] ids);

    /** W3: reads every value of every row of {@link BenchDatabase#STREAM_SELECT} on the first connection. */
    StreamTotals stream();

    /**
     * W4: inserts {@code rows} into {@code bench_load} as multi-row {@code INSERT}s of
     * {@link LoadRows#ROWS_PER_INSERT} rows, batched as the driver allows; returns the rows the server reported.
     */
    long insertBatches(LoadRows rows);

    /**
     * W5: {@code BEGIN}, {@link BenchDatabase#TX_INSERT} of {@code value}, {@link BenchDatabase#TX_SELECT} of the
     * returned id, {@code COMMIT}; returns the value read back.
     */
    long transaction(long value);

    /**
     * W7: reads every value of {@code family}'s columns of all rows of {@code bench_decode}
     * ({@link DecodeFamily#select()}, {@code $1} = 0) on the first connection, each with the driver's untyped
     * getter, that is as the driver's default Java type for the column.
     */
    DecodeTotals decode(DecodeFamily family);

    /** Closes every connection. */
    @Override
    void close();

    /** Checks one row of {@code bench_point} and returns its {@code val}. */
    static long checkPoint(int expectedId, int id, String name, long val) {
        WrongResultException.check("point id", expectedId, id);
        WrongResultException.check("point val of id " + id, BenchDatabase.pointValue(id), val);
        if (name.length() < 6) {
            throw new WrongResultException("point name of id " + id + ": " + name);
        }
        return val;
    }
}
