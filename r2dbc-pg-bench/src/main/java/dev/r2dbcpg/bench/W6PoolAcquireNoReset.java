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
import org.openjdk.jmh.annotations.Threads;

/**
 * W6 with r2dbc-pg's pool set to {@code PgSessionReset.none()} (no session reset on release, only the rollback of an
 * open transaction): what the default reset costs, in a row of its own. Runs r2dbc-pg only unless {@code -p driver=}
 * names others; their pools run as in {@link W6PoolAcquire}, which is already without a session reset for all three
 * (r2dbc-pool, vertx's {@code Pool} and HikariCP reset no session state on release).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(64)
public class W6PoolAcquireNoReset {

    @Param({Drivers.R2DBC_PG})
    public String driver = Drivers.R2DBC_PG;

    private PooledClient pool;

    @Setup(Level.Trial)
    public void open() {
        pool = PooledClient.open(driver.equals(Drivers.R2DBC_PG) ? PooledClient.R2DBC_PG_NORESET : driver,
                BenchDatabase.shared());
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    @Benchmark
    public int acquireQueryRelease() {
        int value = pool.acquireQueryRelease();
        if (value != 1) {
            throw new WrongResultException(driver + " pool answered " + value + " to " + PooledClient.SQL);
        }
        return value;
    }
}
