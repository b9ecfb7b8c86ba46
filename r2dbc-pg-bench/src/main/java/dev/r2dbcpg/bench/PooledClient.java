package dev.r2dbcpg.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.core.config.SslMode;
import dev.r2dbcpg.pool.PgPool;
import dev.r2dbcpg.pool.PgPoolConfiguration;
import dev.r2dbcpg.pool.PgSessionReset;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * W6: each driver's pool, used as an application does: acquire a connection, run a trivial query (or a point
 * select by primary key), release it.
 * r2dbc-pg's {@code PgPool}; r2dbc-pool over r2dbc-postgresql; vertx-pg-client's {@code Pool}; HikariCP over
 * pgjdbc. Every pool holds {@link #SIZE} connections, opened up front.
 */
interface PooledClient extends AutoCloseable {

    /** Connections in every pool. */
    int SIZE = 8;
    /**
     * r2dbc-pg's {@code PgPool} with {@link PgSessionReset#none()}: no session reset on release, only the rollback
     * of an open transaction. Not a driver of {@link Drivers#ALL}: {@link W6PoolAcquireNoReset} runs it alone, so
     * that the table shows it as a row of its own beside the default.
     */
    String R2DBC_PG_NORESET = "r2dbc-pg-noreset";
    /** The trivial query, answered by {@code n}. */
    String SQL = "SELECT 1";

    /** Acquires, runs {@link #SQL}, releases; returns the value read (1). */
    int acquireQueryRelease();

    /** Acquires, selects {@code bench_point} row {@code id} by primary key, releases; returns its checked value. */
    long pointSelect(int id);

    @Override
    void close();

    static PooledClient open(String driver, BenchDatabase db) {
        return switch (driver) {
            case Drivers.R2DBC_PG -> r2dbc(PgPool.create(pgPool(db).build()));
            case R2DBC_PG_NORESET -> r2dbc(PgPool.create(pgPool(db).reset(PgSessionReset.none()).build()));
            case Drivers.R2DBC_POSTGRESQL -> r2dbc(new ConnectionPool(ConnectionPoolConfiguration
                    .builder(Drivers.r2dbcPostgresql(db)).initialSize(SIZE).maxSize(SIZE).build()));
            case Drivers.VERTX -> vertx(db);
            case Drivers.PGJDBC -> hikari(Drivers.hikari(db, SIZE));
            default -> throw new IllegalArgumentException("No pool benchmark for driver " + driver);
        };
    }

    private static PgPoolConfiguration.Builder pgPool(BenchDatabase db) {
        return PgPoolConfiguration.builder()
                .connection(PgConnectionConfiguration.builder().host(db.host()).port(db.port())
                        .database(db.database()).user(db.user()).password(db.password())
                        .sslMode(SslMode.DISABLE).build())
                .minSize(SIZE).maxSize(SIZE);
    }

    private static PooledClient r2dbc(ConnectionFactory pool) {
        // Warm the pool: every connection opened before measuring.
        Flux.range(0, SIZE).flatMap(i -> pool.create(), SIZE).collectList()
                .flatMapMany(Flux::fromIterable).flatMap(Connection::close).blockLast(Duration.ofMinutes(1));
        return new PooledClient() {
            @Override
            public int acquireQueryRelease() {
                Integer value = Flux.usingWhen(pool.create(),
                        c -> Flux.from(c.createStatement(SQL).execute())
                                .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class))),
                        Connection::close)
                        .single().block(Duration.ofSeconds(30));
                return value == null ? 0 : value;
            }

            @Override
            public long pointSelect(int id) {
                Long value = Flux.usingWhen(pool.create(),
                        c -> Flux.from(c.createStatement(BenchDatabase.POINT_SELECT).bind(0, id).execute())
                                .flatMap(r -> r.map((row, meta) -> BenchDriver.checkPoint(id,
                                        row.get(0, Integer.class), row.get(1, String.class), row.get(2, Long.class)))),
                        Connection::close)
                        .single().block(Duration.ofSeconds(30));
                return value == null ? 0 : value;
            }

            @Override
            public void close() {
                if (pool instanceof io.r2dbc.spi.Closeable closeable) {
                    Mono.from(closeable.close()).block(Duration.ofSeconds(30));
                }
            }
        };
    }

    private static PooledClient vertx(BenchDatabase db) {
        Vertx vertx = Vertx.vertx();
        PgConnectOptions options = new PgConnectOptions().setHost(db.host()).setPort(db.port())
                .setDatabase(db.database()).setUser(db.user()).setPassword(db.password())
                .setSslMode(io.vertx.pgclient.SslMode.DISABLE).setCachePreparedStatements(true);
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(SIZE)).connectingTo(options).using(vertx).build();
        return new PooledClient() {
            @Override
            public int acquireQueryRelease() {
                try {
                    return pool.withConnection(c -> c.query(SQL).execute())
                            .map(rows -> rows.iterator().next().getInteger(0))
                            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("vertx pool: " + e.getMessage(), e);
                }
            }

            @Override
            public long pointSelect(int id) {
                try {
                    return pool.withConnection(c -> c.preparedQuery(BenchDatabase.POINT_SELECT).execute(io.vertx.sqlclient.Tuple.of(id)))
                            .map(rows -> {
                                io.vertx.sqlclient.Row row = rows.iterator().next();
                                return BenchDriver.checkPoint(id, row.getInteger(0), row.getString(1), row.getLong(2));
                            })
                            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("vertx pool: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                try {
                    pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("vertx close: " + e.getMessage(), e);
                }
            }
        };
    }

    private static PooledClient hikari(HikariDataSource pool) {
        return new PooledClient() {
            @Override
            public int acquireQueryRelease() {
                try (java.sql.Connection c = pool.getConnection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(SQL)) {
                    rs.next();
                    return rs.getInt(1);
                } catch (SQLException e) {
                    throw new IllegalStateException("HikariCP: " + e.getMessage(), e);
                }
            }

            @Override
            public long pointSelect(int id) {
                try (java.sql.Connection c = pool.getConnection();
                        java.sql.PreparedStatement ps = c.prepareStatement(JdbcDriver.jdbc(BenchDatabase.POINT_SELECT))) {
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return BenchDriver.checkPoint(id, rs.getInt(1), rs.getString(2), rs.getLong(3));
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("HikariCP: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }
}
