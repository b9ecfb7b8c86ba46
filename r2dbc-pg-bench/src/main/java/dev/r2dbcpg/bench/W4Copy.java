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
 * W4 (COPY): load the same 200,000 rows with {@code COPY ... FROM STDIN} (rows/s), for the drivers that have a
 * COPY API ({@link BulkCopy}). Emptied before and checked after every invocation, outside the timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class W4Copy {

    @Param({Drivers.R2DBC_PG, Drivers.PGJDBC})
    public String driver = Drivers.PGJDBC;

    private BenchDatabase db;
    private LoadRows rows;
    private BulkCopy copy;
    private long copied;

    @Setup(Level.Trial)
    public void open() {
        db = BenchDatabase.shared();
        rows = LoadRows.generate(LoadRows.DEFAULT_ROWS);
        copy = BulkCopy.open(driver, db);
    }

    @Setup(Level.Invocation)
    public void empty() {
        db.execute("TRUNCATE bench_load");
        copied = -1;
    }

    @TearDown(Level.Invocation)
    public void check() {
        rows.verifyLoaded(db, copied);
    }

    @TearDown(Level.Trial)
    public void close() {
        copy.close();
    }

    @Benchmark
    @OperationsPerInvocation(LoadRows.DEFAULT_ROWS)
    public long copyRows() {
        copied = copy.copyIn(rows);
        return copied;
    }
}
