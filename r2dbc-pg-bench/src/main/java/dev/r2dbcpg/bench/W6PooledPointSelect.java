package dev.r2dbcpg.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;

/** W6 (point select): pool acquire, a point select by primary key, release, by 64 concurrent callers (ops/s). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(64)
public class W6PooledPointSelect {

    @Param({Drivers.R2DBC_PG, Drivers.R2DBC_POSTGRESQL, Drivers.VERTX, Drivers.PGJDBC})
    public String driver = Drivers.R2DBC_PG;

    private final AtomicInteger next = new AtomicInteger();
    private PooledClient pool;

    @Setup(Level.Trial)
    public void open() {
        pool = PooledClient.open(driver, BenchDatabase.shared());
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    @Benchmark
    public long pooledPointSelect() {
        int id = Math.floorMod(next.getAndIncrement(), BenchDatabase.POINT_ROWS) + 1;
        return pool.pointSelect(id);
    }
}
