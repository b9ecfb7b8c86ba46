package dev.r2dbcpg.bench;

/**
 * One benchmark's figure for one driver.
 *
 * @param workload the benchmark class's simple name, for example {@code W1PointSelect}
 * @param driver the {@code driver} parameter
 * @param score operations per second (rows per second for W3 and W4)
 * @param error the 99.9% confidence half-width JMH reports, {@code NaN} with too few iterations
 * @param allocatedBytesPerOp {@code gc.alloc.rate.norm} (bytes per operation or row), {@code NaN} when not profiled
 */
record Measurement(String workload, String driver, double score, double error, double allocatedBytesPerOp) {
}
