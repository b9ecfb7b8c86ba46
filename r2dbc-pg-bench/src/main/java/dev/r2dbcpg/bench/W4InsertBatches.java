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
 * W4 (INSERT): load 200,000 rows as multi-row parameterised {@code INSERT}s of 100 rows, batched (rows/s).
 * The table is emptied before and checked (count, {@code sum(id)}) after every invocation, outside the timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class W4InsertBatches {

    @Param({Drivers.R2DBC_PG, Drivers.R2DBC_POSTGRESQL, Drivers.VERTX, Drivers.PGJDBC})
    public String driver = Drivers.R2DBC_PG;

    private BenchDatabase db;
    private LoadRows rows;
    private BenchDriver client;
    private long inserted;

    @Setup(Level.Trial)
    public void open() {
        db = BenchDatabase.shared();
        rows = LoadRows.generate(LoadRows.DEFAULT_ROWS);
        client = Drivers.open(driver, db, 1);
    }

    @Setup(Level.Invocation)
    public void empty() {
        db.execute("TRUNCATE bench_load");
        inserted = -1;
    }

    @TearDown(Level.Invocation)
    public void check() {
        rows.verifyLoaded(db, inserted);
    }

    @TearDown(Level.Trial)
    public void close() {
        client.close();
    }

    @Benchmark
    @OperationsPerInvocation(LoadRows.DEFAULT_ROWS)
    public long insertRows() {
        inserted = client.insertBatches(rows);
        return inserted;
    }
}
