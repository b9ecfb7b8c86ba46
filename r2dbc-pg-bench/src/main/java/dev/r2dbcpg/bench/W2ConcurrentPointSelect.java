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
 * W2: 64 point selects in flight at once over 4 connections (ops/s, one op = one select). The reactive
 * drivers pipeline them; pgjdbc runs them on 4 threads borrowing from a 4-connection HikariCP pool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class W2ConcurrentPointSelect {

    static final int REQUESTS = 64;
    static final int CONNECTIONS = 4;

    @Param({Drivers.R2DBC_PG, Drivers.R2DBC_POSTGRESQL, Drivers.VERTX, Drivers.PGJDBC})
    public String driver = Drivers.R2DBC_PG;

    private BenchDriver client;
    private final int[] ids = new int[REQUESTS];
    private int next;

    @Setup(Level.Trial)
    public void open() {
        client = Drivers.open(driver, BenchDatabase.shared(), CONNECTIONS);
    }

    @TearDown(Level.Trial)
    public void close() {
        client.close();
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public long pointSelects() {
        long expected = 0;
        for (int i = 0; i < REQUESTS; i++) {
            ids[i] = next % BenchDatabase.POINT_ROWS + 1;
            next++;
            expected += BenchDatabase.pointValue(ids[i]);
        }
        long sum = client.pointSelectConcurrently(ids);
        WrongResultException.check("W2 sum of val", expected, sum);
        return sum;
    }
}
