package dev.r2dbcpg.bench;

import dev.r2dbcpg.client.PgDatabase;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.core.config.SslMode;
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
 * W4 through the high-level API ({@link PgDatabase}'s bulk writes, on a pool of one connection): the same
 * 200,000 rows, as records, loaded by {@code copyInsert} (binary COPY), {@code insertBatch} (multi-row INSERTs
 * of about 1,000 parameters, pipelined) or {@code insertMany} (one INSERT, a pipelined binding per row), so users
 * can see which to pick (rows/s).
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
    private PgDatabase client;
    private long loaded;

    @Setup(Level.Trial)
    public void open() {
        db = BenchDatabase.shared();
        rows = LoadRows.generate(LoadRows.DEFAULT_ROWS);
        records = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            records.add(new LoadRow(rows.ids[i], rows.texts[i], rows.values[i], rows.timestamps[i]));
        }
        client = PgDatabase.builder().connection(PgConnectionConfiguration.builder().host(db.host()).port(db.port())
                .database(db.database()).user(db.user()).password(db.password()).sslMode(SslMode.DISABLE))
                .maxSize(1).build();
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
        client.close().block(Duration.ofSeconds(30));
    }

    @Benchmark
    @OperationsPerInvocation(LoadRows.DEFAULT_ROWS)
    public long load() {
        Flux<LoadRow> source = Flux.fromIterable(records);
        Long n = switch (method) {
            case "copyInsert" -> client.copyInsert("bench_load", source).block(Duration.ofMinutes(5));
            case "insertBatch" -> client.insertBatch("bench_load", source, null).block(Duration.ofMinutes(5));
            case "insertMany" -> client.insertMany("bench_load", source, null).block(Duration.ofMinutes(5));
            default -> throw new IllegalArgumentException("Unknown method " + method);
        };
        loaded = n == null ? 0 : n;
        return loaded;
    }
}
