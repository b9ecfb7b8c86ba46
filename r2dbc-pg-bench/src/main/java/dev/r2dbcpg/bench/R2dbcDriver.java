package dev.r2dbcpg.bench;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * r2dbc-pg and r2dbc-postgresql through the same R2DBC SPI code, so that the two differ only in the driver.
 * The benchmark thread blocks on each operation's result; the work itself runs on the drivers' event loops.
 */
final class R2dbcDriver implements BenchDriver {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final List<Connection> connections;
    private final String insertSql = LoadRows.insertSql(LoadRows.ROWS_PER_INSERT);

    private R2dbcDriver(List<Connection> connections) {
        this.connections = connections;
    }

    static R2dbcDriver open(ConnectionFactory factory, int count) {
        List<Connection> connections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            connections.add(Objects.requireNonNull(Mono.from(factory.create()).block(TIMEOUT), "connection"));
        }
        return new R2dbcDriver(connections);
    }

    @Override
    public long pointSelect(int id) {
        return block(select(connections.get(0), id));
    }

    @Override
    public long pointSelectConcurrently(int[] ids) {
        int n = connections.size();
        return block(Flux.range(0, ids.length)
                .flatMap(i -> select(connections.get(i % n), ids[i]), ids.length)
                .reduce(0L, Long::sum));
    }

    private static Mono<Long> select(Connection connection, int id) {
        return Flux.from(connection.createStatement(BenchDatabase.POINT_SELECT).bind(0, id).execute())
                .flatMap(result -> result.map((row, metadata) -> BenchDriver.checkPoint(id,
                        row.get(0, Integer.class), row.get(1, String.class), row.get(2, Long.class))))
                .single();
    }

    @Override
    public StreamTotals stream() {
        StreamTotals totals = new StreamTotals();
        // A parameter makes every driver take its extended-protocol (prepared, binary where supported) path.
        Statement statement = connections.get(0).createStatement(BenchDatabase.STREAM_SELECT + " WHERE id > $1")
                .bind(0, 0L);
        block(Flux.from(statement.execute())
                .flatMap(result -> result.map((row, metadata) -> {
                    totals.add(row.get(0, Long.class), row.get(1, String.class), row.get(2, Double.class),
                            row.get(3, OffsetDateTime.class));
                    return Boolean.TRUE;
                }))
                .then(Mono.just(totals)));
        return totals;
    }

    @Override
    public DecodeTotals decode(DecodeFamily family) {
        DecodeTotals totals = new DecodeTotals(family);
        int columns = totals.columns();
        Statement statement = connections.get(0).createStatement(family.select()).bind(0, 0);
        block(Flux.from(statement.execute())
                .flatMap(result -> result.map((row, metadata) -> {
                    for (int i = 0; i < columns; i++) {
                        totals.add(i, row.get(i));
                    }
                    totals.endRow();
                    return Boolean.TRUE;
                }))
                .then(Mono.just(totals)));
        return totals;
    }

    @Override
    public long insertBatches(LoadRows rows) {
        Statement statement = connections.get(0).createStatement(insertSql);
        int perInsert = LoadRows.ROWS_PER_INSERT;
        for (int start = 0; start < rows.size(); start += perInsert) {
            if (start > 0) {
                statement.add();
            }
            for (int r = 0; r < perInsert; r++) {
                int i = start + r;
                int p = r * 4;
                statement.bind(p, rows.ids[i]).bind(p + 1, rows.texts[i]).bind(p + 2, rows.values[i])
                        .bind(p + 3, rows.timestamps[i]);
            }
        }
        return block(Flux.from(statement.execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum));
    }

    @Override
    public long transaction(long value) {
        Connection c = connections.get(0);
        return block(Mono.from(c.beginTransaction())
                .then(Flux.from(c.createStatement(BenchDatabase.TX_INSERT).bind(0, value).bind(1, "w5").execute())
                        .flatMap(result -> result.map((row, metadata) -> row.get(0, Long.class)))
                        .single())
                .flatMap(id -> Flux.from(c.createStatement(BenchDatabase.TX_SELECT).bind(0, id).execute())
                        .flatMap(result -> result.map((row, metadata) -> row.get(0, Long.class)))
                        .single())
                .flatMap(read -> Mono.from(c.commitTransaction()).thenReturn(read)));
    }

    @Override
    public void close() {
        Flux.fromIterable(connections).flatMap(Connection::close).then().block(TIMEOUT);
    }

    private static <T> T block(Mono<T> mono) {
        return Objects.requireNonNull(mono.block(TIMEOUT), "result");
    }
}
