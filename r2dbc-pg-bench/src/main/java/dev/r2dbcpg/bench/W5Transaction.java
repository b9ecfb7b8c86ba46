package dev.r2dbcpg.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** W5: a transaction of {@code INSERT ... RETURNING}, a {@code SELECT} of that row, and {@code COMMIT} (tx/s). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class W5Transaction {

    @Param({Drivers.R2DBC_PG, Drivers.R2DBC_POSTGRESQL, Drivers.VERTX, Drivers.PGJDBC})
    public String driver = Drivers.R2DBC_PG;

    private BenchDriver client;
    private long next;

    @Setup(Level.Trial)
    public void open() {
        BenchDatabase db = BenchDatabase.shared();
        db.execute("TRUNCATE bench_tx");
        client = Drivers.open(driver, db, 1);
    }

    @TearDown(Level.Trial)
    public void close() {
        client.close();
    }

    @Benchmark
    public long transaction() {
        long value = ++next;
        long read = client.transaction(value);
        WrongResultException.check("W5 value read back", value, read);
        return read;
    }
}
