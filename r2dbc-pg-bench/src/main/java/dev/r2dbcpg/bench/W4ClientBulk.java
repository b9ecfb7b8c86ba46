package dev.r2dbcpg.bench;

import dev.r2dbcpg.client.BenchBulkWrites;
import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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
import reactor.core.publisher.Flux;

/**
 * W4 through the high-level API (r2dbc-pg-client's bulk writes): the same 200,000 rows, as records, loaded by
 * {@code copyInsert} (binary COPY), {@code insertBatch} (multi-row INSERTs of up to 65,535 parameters) or
 * {@code insertMany} (one INSERT, a pipelined binding per row), so users can see which to pick (rows/s).
 * Emptied before and checked after every invocation, outside the timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class W4ClientBulk {

    /** One {@code bench_load} row; the components are its columns. */
    public record LoadRow(long id, String txt, double val, OffsetDateTime ts) {
    }

    @Param({Drivers.R2DBC_PG})
    public String driver = Drivers.R2DBC_PG;

    @Param({"copyInsert", "insertBatch", "insertMany"})
    public String method = "copyInsert";

    private BenchDatabase db;
    private LoadRows rows;
    private List<LoadRow> records;
    private PgConnection connection;
    private long loaded;

    @Setup(Level.Trial)
    public void open() {
        db = BenchDatabase.shared();
        rows = LoadRows.generate(LoadRows.DEFAULT_ROWS);
        records = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            records.add(new LoadRow(rows.ids[i], rows.texts[i], rows.values[i], rows.timestamps[i]));
        }
        connection = ((PgConnectionFactory) Drivers.r2dbcPg(db)).create().block(Duration.ofSeconds(30));
    }

    @Setup(Level.Invocation)
    public void empty() {
        db.execute("TRUNCATE bench_load");
        loaded = -1;
    }

    @TearDown(Level.Invocation)
    public void check() {
        rows.verifyLoaded(db, loaded);
    }

    @TearDown(Level.Trial)
    public void close() {
        connection.close().block(Duration.ofSeconds(30));
    }

    @Benchmark
    @OperationsPerInvocation(LoadRows.DEFAULT_ROWS)
    public long load() {
        Flux<LoadRow> source = Flux.fromIterable(records);
        Long n = switch (method) {
            case "copyInsert" -> BenchBulkWrites.copyInsert(connection, "bench_load", source).block(Duration.ofMinutes(5));
            case "insertBatch" -> BenchBulkWrites.insertBatch(connection, "bench_load", source).block(Duration.ofMinutes(5));
            case "insertMany" -> BenchBulkWrites.insertMany(connection, "bench_load", source).block(Duration.ofMinutes(5));
            default -> throw new IllegalArgumentException("Unknown method " + method);
        };
        loaded = n == null ? 0 : n;
        return loaded;
    }
}
