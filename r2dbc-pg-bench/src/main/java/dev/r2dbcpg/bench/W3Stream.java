package dev.r2dbcpg.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * W3: stream 1,000,000 rows of (int8, text, float8, timestamptz), reading every value (rows/s; with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per row).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class W3Stream {

    @Param({Drivers.R2DBC_PG, Drivers.R2DBC_POSTGRESQL, Drivers.VERTX, Drivers.PGJDBC})
    public String driver = Drivers.R2DBC_PG;

    private BenchDriver client;
    private StreamTotals expected;

    @Setup(Level.Trial)
    public void open() {
        BenchDatabase db = BenchDatabase.shared();
        expected = db.expectedStreamTotals();
        WrongResultException.check("bench_stream rows", BenchDatabase.STREAM_ROWS, expected.rows());
        client = Drivers.open(driver, db, 1);
    }

    @TearDown(Level.Trial)
    public void close() {
        client.close();
    }

    @Benchmark
    @OperationsPerInvocation(BenchDatabase.STREAM_ROWS)
    public long streamRows() {
        StreamTotals totals = client.stream();
        totals.verify(expected);
        return totals.rows();
    }
}
