package dev.r2dbcpg.bench;

import dev.r2dbcpg.core.CopyOptions;
import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import java.time.Duration;
import reactor.core.publisher.Flux;

/** r2dbc-pg's {@code copyInRows}: binary COPY, each row's values encoded by the column's codec. */
final class PgCopyRows implements BulkCopy {

    private static final CopyOptions OPTIONS = CopyOptions.builder().columns("id", "txt", "val", "ts").build();

    private final PgConnection connection;

    PgCopyRows(PgConnectionFactory factory) {
        this.connection = factory.create().block(Duration.ofSeconds(30));
    }

    @Override
    public long copyIn(LoadRows rows) {
        Flux<Object[]> source = Flux.range(0, rows.size())
                .map(i -> new Object[] {rows.ids[i], rows.texts[i], rows.values[i], rows.timestamps[i]});
        Long copied = connection.copyInRows("bench_load", source, OPTIONS).block(Duration.ofMinutes(5));
        return copied == null ? 0 : copied;
    }

    @Override
    public void close() {
        connection.close().block(Duration.ofSeconds(30));
    }
}
