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
 * W7: decode throughput per type family. Each invocation reads the family's columns of all
 * {@value BenchDatabase#DECODE_ROWS} rows of {@code bench_decode} with each driver's untyped getter (its default
 * Java type) and checks the row count and a checksum of every value against the server's (rows/s; with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per row). {@link BenchMain} runs this class in a pass of
 * its own, with the {@link Profile}'s shorter decode iterations and, in {@code quick}, only {@code mixed}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class W7Decode {

    @Param({Drivers.R2DBC_PG, Drivers.R2DBC_POSTGRESQL, Drivers.VERTX, Drivers.PGJDBC})
    public String driver = Drivers.R2DBC_PG;

    @Param({"integers", "numeric", "floats", "text", "datetime", "uuid", "json", "bytea", "arrays", "other", "mixed"})
    public String family = "integers";

    private BenchDriver client;
    private DecodeFamily decodeFamily;
    private DecodeTotals expected;

    @Setup(Level.Trial)
    public void open() {
        BenchDatabase db = BenchDatabase.shared();
        decodeFamily = DecodeFamily.parse(family);
        expected = db.expectedDecodeTotals(decodeFamily);
        WrongResultException.check("bench_decode rows", BenchDatabase.DECODE_ROWS, expected.rows());
        client = Drivers.open(driver, db, 1);
    }

    @TearDown(Level.Trial)
    public void close() {
        client.close();
    }

    @Benchmark
    @OperationsPerInvocation(BenchDatabase.DECODE_ROWS)
    public long decode() {
        DecodeTotals totals = client.decode(decodeFamily);
        totals.verify(expected);
        return totals.rows();
    }
}
