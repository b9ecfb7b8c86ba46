package dev.r2dbcpg.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collector;

/**
 * vertx-pg-client through its native API: pipelined {@link PgConnection}s with the prepared-statement cache on
 * (as the other drivers have theirs), rows read with a {@link Collector} instead of a buffered {@link RowSet}.
 */
final class VertxDriver implements BenchDriver {

    private static final Collector<Row, StreamTotals, StreamTotals> STREAM_COLLECTOR = Collector.of(
            StreamTotals::new,
            (totals, row) -> totals.add(row.getLong(0), row.getString(1), row.getDouble(2), row.getOffsetDateTime(3)),
            (a, b) -> {
                throw new UnsupportedOperationException("sequential collector");
            });

    private final Vertx vertx;
    private final List<PgConnection> connections;
    private final String insertSql = LoadRows.insertSql(LoadRows.ROWS_PER_INSERT);

    private VertxDriver(Vertx vertx, List<PgConnection> connections) {
        this.vertx = vertx;
        this.connections = connections;
    }

    static VertxDriver open(BenchDatabase db, int count) {
        Vertx vertx = Vertx.vertx();
        PgConnectOptions options = new PgConnectOptions()
                .setHost(db.host()).setPort(db.port()).setDatabase(db.database())
                .setUser(db.user()).setPassword(db.password())
                .setSslMode(SslMode.DISABLE)
                .setCachePreparedStatements(true)
                .setPipeliningLimit(256);
        List<PgConnection> connections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            connections.add(await(PgConnection.connect(vertx, options)));
        }
        return new VertxDriver(vertx, connections);
    }

    @Override
    public long pointSelect(int id) {
        return await(select(connections.get(0), id));
    }

    @Override
    public long pointSelectConcurrently(int[] ids) {
        int n = connections.size();
        List<Future<Long>> selects = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            selects.add(select(connections.get(i % n), ids[i]));
        }
        await(Future.all(selects));
        long sum = 0;
        for (Future<Long> select : selects) {
            sum += select.result();
        }
        return sum;
    }

    private static Future<Long> select(PgConnection connection, int id) {
        return connection.preparedQuery(BenchDatabase.POINT_SELECT).execute(Tuple.of(id)).map(rows -> {
            WrongResultException.check("point rows of id " + id, 1, rows.size());
            Row row = rows.iterator().next();
            return BenchDriver.checkPoint(id, row.getInteger(0), row.getString(1), row.getLong(2));
        });
    }

    @Override
    public StreamTotals stream() {
        SqlResult<StreamTotals> result = await(connections.get(0)
                .preparedQuery(BenchDatabase.STREAM_SELECT + " WHERE id > $1")
                .collecting(STREAM_COLLECTOR)
                .execute(Tuple.of(0L)));
        return result.value();
    }

    @Override
    public DecodeTotals decode(DecodeFamily family) {
        Collector<Row, DecodeTotals, DecodeTotals> collector = Collector.of(
                () -> new DecodeTotals(family),
                (totals, row) -> {
                    for (int i = 0; i < totals.columns(); i++) {
                        totals.add(i, row.getValue(i));
                    }
                    totals.endRow();
                },
                (a, b) -> {
                    throw new UnsupportedOperationException("sequential collector");
                });
        return await(connections.get(0).preparedQuery(family.select()).collecting(collector).execute(Tuple.of(0)))
                .value();
    }

    @Override
    public long insertBatches(LoadRows rows) {
        int perInsert = LoadRows.ROWS_PER_INSERT;
        List<Tuple> batch = new ArrayList<>(rows.size() / perInsert);
        for (int start = 0; start < rows.size(); start += perInsert) {
            Tuple tuple = Tuple.tuple();
            for (int i = start; i < start + perInsert; i++) {
                tuple.addLong(rows.ids[i]).addString(rows.texts[i]).addDouble(rows.values[i])
                        .addOffsetDateTime(rows.timestamps[i]);
            }
            batch.add(tuple);
        }
        long inserted = 0;
        for (RowSet<Row> result = await(connections.get(0).preparedQuery(insertSql).executeBatch(batch));
                result != null; result = result.next()) {
            inserted += result.rowCount();
        }
        return inserted;
    }

    @Override
    public long transaction(long value) {
        PgConnection c = connections.get(0);
        return await(c.begin().compose(tx -> c.preparedQuery(BenchDatabase.TX_INSERT).execute(Tuple.of(value, "w5"))
                .compose(inserted -> c.preparedQuery(BenchDatabase.TX_SELECT)
                        .execute(Tuple.of(inserted.iterator().next().getLong(0))))
                .compose(read -> {
                    WrongResultException.check("W5 rows read back", 1, read.size());
                    long v = read.iterator().next().getLong(0);
                    return tx.commit().map(v);
                })));
    }

    @Override
    public void close() {
        for (PgConnection connection : connections) {
            await(connection.close());
        }
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("vertx-pg-client did not answer within 2 minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
