package dev.r2dbcpg.client;

import dev.r2dbcpg.client.RowMapping.Holder;
import dev.r2dbcpg.client.RowMapping.Resolver;
import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.core.PgListenSignal;
import dev.r2dbcpg.core.PgListener;
import dev.r2dbcpg.core.PgNotification;
import dev.r2dbcpg.core.PgStatement;
import dev.r2dbcpg.core.config.PgEnvironment;
import io.r2dbc.spi.Closeable;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The everyday API: SQL in, rows as {@code Map}s (or records, beans, single values) out, over a pool.
 *
 * <p>Every method is lazy (nothing runs until subscription) and non-blocking. Each call borrows a connection
 * for its own duration, unless it runs inside {@link #session} or {@link #transaction}, whose connection it
 * finds through the Reactor context: {@code db.transaction(tx -> db.execute(...).thenMany(db.execute(...)))}
 * runs both statements in one transaction. The context reaches only publishers that are part of the
 * returned chain; one subscribed separately (a {@code subscribe()} inside the function) borrows a
 * connection of its own.
 *
 * <p>Placeholders are PostgreSQL's {@code $1}, psycopg's {@code %s} (values in order) and {@code %(name)s},
 * or {@code :name} (pass one {@code Map} of values); see {@code docs/client.md}. Values are always bound,
 * never written into the SQL. A {@code null} value is bound as an untyped NULL.
 *
 * <p>Create one with {@link #fromEnv()}, {@link #fromUrl(String)}, {@link #builder()} (these own a
 * {@code PgPool}, closed by {@link #close()}) or {@link #from(ConnectionFactory)} (the caller keeps the factory).
 */
public final class PgDatabase implements Closeable {

    /** The batch size of {@link #stream(String, Object...)}. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    private final ConnectionSource source;
    private final Sessions sessions;

    PgDatabase(ConnectionSource source) {
        this.source = source;
        this.sessions = new Sessions(this, source);
    }

    // ---------------------------------------------------------------- entry

    /** From the {@code PG*} environment variables and {@code DATABASE_URL} (a URL or DSN), libpq's way. */
    public static PgDatabase fromEnv() {
        return fromEnv(PgEnvironment.system());
    }

    /**
     * As {@link #fromEnv()} with the given variables: {@code DATABASE_URL}, when set, is read as by
     * {@link #fromUrl(String)}, and {@code PG*} variables fill what it leaves out.
     */
    public static PgDatabase fromEnv(PgEnvironment environment) {
        PgDatabaseBuilder builder = builder().environment(environment);
        String url = environment.get("DATABASE_URL");
        if (url != null) {
            builder.url(url);
        }
        return builder.build();
    }

    /**
     * From a {@code postgresql://} (or {@code postgres://}) URL, a key/value DSN ({@code host=... dbname=...})
     * or an R2DBC URL ({@code r2dbc:postgresql://...}, {@code r2dbc:pgpool://...?maxSize=20}).
     *
     * @throws IllegalArgumentException for a malformed string (the message never contains the password)
     */
    public static PgDatabase fromUrl(String url) {
        return builder().url(url).build();
    }

    /**
     * Over connections of {@code factory}: a {@code PgPool}, a {@code PgConnectionFactory}, or a factory whose
     * connections wrap r2dbc-pg's (r2dbc-pool). The caller keeps ownership: {@link #close()} leaves it open.
     */
    public static PgDatabase from(ConnectionFactory factory) {
        return new PgDatabase(new ConnectionSource(Objects.requireNonNull(factory, "factory"), false));
    }

    /** A builder: connection settings, pool size and pool options. */
    public static PgDatabaseBuilder builder() {
        return new PgDatabaseBuilder();
    }

    /**
     * Creates a database with {@code create}, runs {@code function} with it and closes it when the function's
     * publisher ends (completion, error or cancel): {@code Flux.usingWhen} for {@code PgDatabase}.
     */
    public static <T> Flux<T> using(java.util.function.Supplier<PgDatabase> create,
            Function<? super PgDatabase, ? extends Publisher<T>> function) {
        return Flux.usingWhen(Mono.fromSupplier(create), function, PgDatabase::close);
    }

    /** The factory connections come from (the pool, for a database built here). */
    public ConnectionFactory connectionFactory() {
        return source.factory();
    }

    /** Closes the pool this database owns (nothing for {@link #from(ConnectionFactory)}). */
    @Override
    public Mono<Void> close() {
        return source.close();
    }

    /**
     * An {@link AutoCloseable} for try-with-resources in blocking code (a {@code main}, a test): its
     * {@code close()} blocks until {@link #close()} completes, at most {@code timeout}. Never use it on an event
     * loop.
     */
    public AutoCloseable closeable(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return () -> close().block(timeout);
    }

    // ---------------------------------------------------------------- queries

    /** Rows as {@code LinkedHashMap}s in column order; a command gives no row. */
    public Flux<Map<String, Object>> execute(String sql, Object... params) {
        return rows(sql, params, RowMapping.maps(), 0);
    }

    /** Rows as {@code type}: a record, a bean, or for a JDK type ({@code String}, {@code Long}...) the first column. */
    public <T> Flux<T> execute(String sql, Class<T> type, Object... params) {
        return rows(sql, params, RowMapping.forType(type), 0);
    }

    /** The number of rows the statement inserted, updated, deleted (or selected); several statements: the sum. */
    public Mono<Long> executeUpdate(String sql, Object... params) {
        Objects.requireNonNull(sql, "sql");
        return withConnection(c -> Statements.count(Statements.bound(c, sql, params).execute())).next();
    }

    /**
     * Runs {@code sql} once per element of {@code paramSets} as one pipelined batch (one exchange, one Sync) and
     * gives the total count. An element is an {@code Object[]} or {@code List} of values, or a {@code Map} for
     * named placeholders. An empty list runs nothing and gives 0.
     */
    public Mono<Long> executeMany(String sql, List<?> paramSets) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(paramSets, "paramSets");
        if (paramSets.isEmpty()) {
            return Mono.just(0L);
        }
        return withConnection(c -> Statements.count(Statements.batch(c, sql, paramSets).execute())).next();
    }

    /**
     * Runs a statement that PostgreSQL refuses inside a transaction block ({@code CREATE DATABASE},
     * {@code VACUUM}, {@code CREATE INDEX CONCURRENTLY} ...) and gives its count. It runs on the current
     * session's connection or a borrowed one; inside {@link #transaction} it fails with
     * {@link IllegalStateException} instead of leaving the transaction.
     */
    public Mono<Long> executeAutocommit(String sql, Object... params) {
        Objects.requireNonNull(sql, "sql");
        return withConnection(c -> {
            if (c.transactionStatus() != 'I') {
                return Mono.<Long>error(new IllegalStateException("executeAutocommit inside a transaction: "
                        + "statements such as CREATE DATABASE cannot run in a transaction block; run it outside "
                        + "transaction(fn)"));
            }
            return Statements.count(Statements.bound(c, sql, params).execute());
        }).next();
    }

    /** The first row, or an empty Mono when there is none. The whole result is read; add {@code LIMIT 1}. */
    public Mono<Map<String, Object>> fetchOne(String sql, Object... params) {
        return first(sql, params, RowMapping.maps());
    }

    /** The first row as {@code type} (see {@link #execute(String, Class, Object...)}), or empty. */
    public <T> Mono<T> fetchOne(String sql, Class<T> type, Object... params) {
        return first(sql, params, RowMapping.forType(type));
    }

    /** The first column of the first row as {@code type}; empty when there is no row or the value is NULL. */
    public <T> Mono<T> fetchVal(String sql, Class<T> type, Object... params) {
        return first(sql, params, RowMapping.firstColumn(Objects.requireNonNull(type, "type")));
    }

    /** Every row, as a list of maps. */
    public Mono<List<Map<String, Object>>> fetchAll(String sql, Object... params) {
        return execute(sql, params).collectList();
    }

    /** Every row as {@code type}. */
    public <T> Mono<List<T>> fetchAll(String sql, Class<T> type, Object... params) {
        return execute(sql, type, params).collectList();
    }

    // ---------------------------------------------------------------- streaming

    /** {@link #stream(String, List, int)} with {@link #DEFAULT_BATCH_SIZE}. */
    public Flux<Map<String, Object>> stream(String sql, Object... params) {
        return stream(sql, List.of(params), DEFAULT_BATCH_SIZE);
    }

    /**
     * Rows read {@code batchSize} at a time from a portal (one {@code Execute} per batch, sent only when the
     * subscriber's demand has room), so memory stays bounded whatever the result's size and the consumer's
     * speed. Holds its connection until the last row or cancel.
     */
    public Flux<Map<String, Object>> stream(String sql, List<?> params, int batchSize) {
        return rows(sql, params.toArray(), RowMapping.maps(), requirePositive(batchSize));
    }

    /** As {@link #stream(String, List, int)}, rows as {@code type}. */
    public <T> Flux<T> stream(String sql, Class<T> type, List<?> params, int batchSize) {
        return rows(sql, params.toArray(), RowMapping.forType(type), requirePositive(batchSize));
    }

    // ---------------------------------------------------------------- sessions and transactions

    /**
     * Runs {@code function} with every operation of this database on one connection, released when the
     * function's publisher completes, fails or is cancelled. Statements run in auto-commit mode unless inside
     * {@link #transaction}. A session inside a session (or a transaction) of the same database fails with
     * {@link IllegalStateException}.
     */
    public <T> Flux<T> session(Function<? super PgDatabase, ? extends Publisher<T>> function) {
        return sessions.session(Objects.requireNonNull(function, "function"));
    }

    /** Whether the subscriber's context is inside {@link #session} or {@link #transaction} of this database. */
    public Mono<Boolean> inSession() {
        return sessions.inSession();
    }

    /** Whether the subscriber's context is inside {@link #transaction} of this database. */
    public Mono<Boolean> inTransaction() {
        return sessions.inTransaction();
    }

    /** {@link #transaction(TransactionOptions, Function)} with {@link TransactionOptions#defaults()}. */
    public <T> Flux<T> transaction(Function<? super PgDatabase, ? extends Publisher<T>> function) {
        return transaction(TransactionOptions.defaults(), function);
    }

    /**
     * Runs {@code function} in a transaction: committed when its publisher completes, rolled back when it fails
     * or is cancelled (then the error is passed on). Inside another transaction of this database it runs in a
     * savepoint instead: released on success, rolled back to on failure, leaving the outer transaction's work;
     * such a nested transaction takes no options ({@link IllegalStateException}).
     */
    public <T> Flux<T> transaction(TransactionOptions options,
            Function<? super PgDatabase, ? extends Publisher<T>> function) {
        return sessions.transaction(Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(function, "function"));
    }

    /**
     * Runs {@code function} on the connection of the current session or transaction, or on a borrowed one
     * released afterwards. The way helpers of this package (bulk writes, admin) reach a connection.
     */
    <T> Flux<T> withConnection(Function<? super PgConnection, ? extends Publisher<T>> function) {
        return sessions.withConnection(function);
    }

    // ---------------------------------------------------------------- bulk writes and CSV

    /**
     * Multi-row {@code INSERT … VALUES}, in statements well under PostgreSQL's 65,535-parameter limit, pipelined.
     * Rows are {@code Map}s or records; the first row fixes the columns. {@code onConflict} (may be null) is the
     * only raw SQL taken, appended as given ({@code "ON CONFLICT DO NOTHING"}); table and column names are quoted.
     * Returns the rows written.
     */
    public Mono<Long> insertBatch(String table, Publisher<?> rows, @Nullable String onConflict) {
        return withConnection(c -> BulkWrites.insertBatch(c, table, rows, onConflict)).next();
    }

    /** {@link #insertBatch(String, Publisher, String)} of a list. */
    public Mono<Long> insertBatch(String table, List<?> rows, @Nullable String onConflict) {
        return insertBatch(table, Flux.fromIterable(rows), onConflict);
    }

    /** One single-row {@code INSERT}, a binding ({@code Statement.add()}) per row, in pipelined batches. */
    public Mono<Long> insertMany(String table, Publisher<?> rows, @Nullable String onConflict) {
        return withConnection(c -> BulkWrites.insertMany(c, table, rows, onConflict)).next();
    }

    /** {@link #insertMany(String, Publisher, String)} of a list. */
    public Mono<Long> insertMany(String table, List<?> rows, @Nullable String onConflict) {
        return insertMany(table, Flux.fromIterable(rows), onConflict);
    }

    /**
     * {@code INSERT … ON CONFLICT (conflictColumns) DO UPDATE SET col = EXCLUDED.col} for {@code updateColumns}
     * (null: every other column; empty: {@code DO NOTHING}). Returns the rows inserted or updated.
     */
    public Mono<Long> upsertMany(String table, List<?> rows, List<String> conflictColumns,
            @Nullable List<String> updateColumns) {
        return withConnection(c -> BulkWrites.upsertMany(c, table, Flux.fromIterable(rows), conflictColumns,
                updateColumns)).next();
    }

    /** Binary {@code COPY … FROM STDIN} of the rows: the fastest load. Returns the rows written. */
    public Mono<Long> copyInsert(String table, Publisher<?> rows) {
        return withConnection(c -> BulkWrites.copyInsert(c, table, rows)).next();
    }

    /** {@link #copyInsert(String, Publisher)} of a list. */
    public Mono<Long> copyInsert(String table, List<?> rows) {
        return copyInsert(table, Flux.fromIterable(rows));
    }

    /** Streams a table to a CSV file through {@code COPY … TO STDOUT}; the file is never held in memory. */
    public Mono<Long> copyToCsv(String table, Path file, CsvOptions options) {
        return withConnection(c -> CsvCopy.copyToCsv(c, table, file, options)).next();
    }

    /** Streams a query's rows to a CSV file. The query is SQL, run as given; it takes no parameters. */
    public Mono<Long> copyQueryToCsv(String query, Path file, CsvOptions options) {
        return withConnection(c -> CsvCopy.copyQueryToCsv(c, query, file, options)).next();
    }

    /** Streams a CSV file into a table through {@code COPY … FROM STDIN}. Returns the rows written. */
    public Mono<Long> copyFromCsv(String table, Path file, CsvOptions options) {
        return withConnection(c -> CsvCopy.copyFromCsv(c, table, file, options)).next();
    }

    // ---------------------------------------------------------------- helpers handed out

    /** Introspection and DDL: schemas, tables, columns, indexes, constraints, extensions, sizes. */
    public PgSchema schema() {
        return new PgSchema(connections());
    }

    /** {@code VACUUM}, {@code ANALYZE}, {@code EXPLAIN}. */
    public PgMaintenance maintenance() {
        return new PgMaintenance(connections());
    }

    /** Databases, roles and privileges. */
    public PgAdmin admin() {
        return new PgAdmin(connections());
    }

    /** TimescaleDB hypertables, compression and policies. */
    public PgTimescale timescale() {
        return new PgTimescale(connections());
    }

    /** The helpers' seam: the current session's or transaction's connection, or a borrowed one. */
    private ConnectionRunner connections() {
        return new ConnectionRunner() {
            @Override
            public <T> Flux<T> withConnection(Function<? super Connection, ? extends Publisher<T>> work) {
                return PgDatabase.this.withConnection(work::apply);
            }
        };
    }

    // ---------------------------------------------------------------- LISTEN/NOTIFY

    /**
     * {@code pg_notify(channel, payload)}, both bound: any channel name is safe. In a transaction the
     * notification is delivered at commit.
     */
    public Mono<Void> notify(String channel, String payload) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payload, "payload");
        return withConnection(c -> c.notify(channel, payload)).then();
    }

    /** The payloads of notifications on {@code channels}; see {@link #listenSignals}. */
    public Flux<String> listen(String... channels) {
        return listenNotifications(channels).map(PgNotification::payload);
    }

    /** The notifications (channel, payload, sender's process id) on {@code channels}; see {@link #listenSignals}. */
    public Flux<PgNotification> listenNotifications(String... channels) {
        return listenSignals(channels).ofType(PgNotification.class);
    }

    /**
     * Notifications on {@code channels} (names quoted as identifiers: case-sensitive, any characters) and, after
     * a reconnect, a {@code PgListenGap} saying some may have been missed. Listens on a connection of its own
     * (never the session's), opened by {@link PgListener} and re-opened when lost, as long as there are
     * subscribers; for a database made {@link #from} a factory that is not r2dbc-pg's, on one borrowed
     * connection without reconnecting.
     */
    public Flux<PgListenSignal> listenSignals(String... channels) {
        PgConnectionFactory factory = source.connectionFactory();
        if (factory != null) {
            return PgListener.listen(factory, channels);
        }
        return source.with(c -> c.listen(channels).cast(PgListenSignal.class));
    }

    // ---------------------------------------------------------------- internals

    private <T> Flux<T> rows(String sql, Object[] params, Resolver<T> resolver, int fetchSize) {
        Objects.requireNonNull(sql, "sql");
        return withConnection(c -> {
            PgStatement statement = Statements.bound(c, sql, params);
            if (fetchSize > 0) {
                statement.fetchSize(fetchSize);
            }
            return statement.execute().concatMap(result -> result.map(RowMapping.perResult(resolver)));
        }).mapNotNull(Holder::value);
    }

    /** The first row mapped; later rows are read and released without being mapped (no cancel mid-result). */
    private <T> Mono<T> first(String sql, Object[] params, Resolver<T> resolver) {
        Objects.requireNonNull(sql, "sql");
        Holder<T> skipped = new Holder<>(null);
        return withConnection(c -> {
            boolean[] seen = new boolean[1];
            return Statements.bound(c, sql, params).execute().concatMap(result -> {
                var mapper = RowMapping.perResult(resolver);
                return result.map((row, metadata) -> {
                    if (seen[0]) {
                        return skipped;
                    }
                    seen[0] = true;
                    return mapper.apply(row, metadata);
                });
            });
        }).filter(h -> h != skipped).reduce((first, later) -> first).mapNotNull(Holder::value);
    }

    private static int requirePositive(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        }
        return batchSize;
    }

    @Override
    public String toString() {
        return "PgDatabase{" + source.factory() + "}";
    }
}
