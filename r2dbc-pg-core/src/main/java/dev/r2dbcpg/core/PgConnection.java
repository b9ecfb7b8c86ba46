package dev.r2dbcpg.core;

import dev.r2dbcpg.core.engine.QueryExecutor;
import dev.r2dbcpg.core.engine.SimpleCommand;
import dev.r2dbcpg.core.client.PgClient;
import dev.r2dbcpg.core.error.PgErrorDetails;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Lifecycle;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One session with a PostgreSQL server. Statements may be issued without waiting for earlier ones:
 * they are pipelined and answered in order. Thread-safe.
 *
 * <p>Auto-commit follows the R2DBC specification: a new connection is in auto-commit mode; inside a
 * transaction begun with {@link #beginTransaction()} {@link #isAutoCommit()} is false; after
 * {@code setAutoCommit(false)} every statement runs in a transaction that lasts until commit or rollback,
 * and the next statement begins another.
 */
public final class PgConnection implements Connection, Lifecycle {

    private final QueryExecutor executor;
    private final Duration validationTimeout;
    private final int defaultFetchSize;
    private volatile boolean autoCommit = true;
    private volatile IsolationLevel isolationLevel;
    private final PgNotifications notifications = new PgNotifications(() -> this);

    PgConnection(QueryExecutor executor, Duration validationTimeout, int defaultFetchSize,
            IsolationLevel isolationLevel) {
        this.executor = executor;
        this.validationTimeout = validationTimeout;
        this.defaultFetchSize = defaultFetchSize;
        this.isolationLevel = isolationLevel;
    }

    // ---------------------------------------------------------------- statements

    @Override
    public PgStatement createStatement(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException("SQL must not be null");
        }
        return new PgStatement(executor, sql, defaultFetchSize, this::implicitBegin);
    }

    @Override
    public PgBatch createBatch() {
        return new PgBatch(executor, this::implicitBegin);
    }

    /**
     * {@code results}, preceded (when subscribed) by the BEGIN that auto-commit off needs when no transaction is
     * open; the BEGIN rides ahead of the statement (see {@link #beginTransaction(TransactionDefinition)}).
     */
    Flux<PgResult> implicitBegin(Flux<PgResult> results) {
        return Flux.defer(() -> {
            if (!autoCommit && client().transactionStatus() == 'I') {
                client().deferBegin(List.of("BEGIN"));
            }
            return results;
        });
    }

    // ---------------------------------------------------------------- transactions

    @Override
    public Mono<Void> beginTransaction() {
        return beginTransaction(EmptyDefinition.INSTANCE);
    }

    /**
     * Begins a transaction with the definition's isolation level, read-only flag,
     * {@link PgTransactionOptions#DEFERRABLE} and lock wait timeout ({@code SET LOCAL lock_timeout}).
     * Does nothing when a transaction is already open.
     *
     * <p>Costs no round trip: the {@code BEGIN} is written together with the next request, in that statement's
     * own sync segment, so an error in it (an out-of-range lock wait timeout, say) makes the server skip the
     * statement and reaches the statement's subscriber, and the transaction status is the server's afterwards.
     * Ahead of a request that is not a single extended-protocol statement (COPY, a string of several
     * statements) it is a Query of its own in the same flush, and an error in it closes the connection. From
     * this call on the connection counts as in a transaction ({@link #isAutoCommit()} is false); a commit or
     * rollback with nothing sent since costs no round trip either.
     */
    @Override
    public Mono<Void> beginTransaction(TransactionDefinition definition) {
        if (definition == null) {
            throw new IllegalArgumentException("TransactionDefinition must not be null");
        }
        return Mono.defer(() -> {
            if (client().transactionStatus() != 'I') {
                return Mono.empty();
            }
            List<String> statements = new ArrayList<>(2);
            StringBuilder sql = new StringBuilder("BEGIN");
            IsolationLevel level = definition.getAttribute(TransactionDefinition.ISOLATION_LEVEL);
            if (level != null) {
                sql.append(" ISOLATION LEVEL ").append(isolationSql(level));
            }
            Boolean readOnly = definition.getAttribute(TransactionDefinition.READ_ONLY);
            if (readOnly != null) {
                sql.append(readOnly ? " READ ONLY" : " READ WRITE");
            }
            Boolean deferrable = definition.getAttribute(PgTransactionOptions.DEFERRABLE);
            if (deferrable != null) {
                sql.append(deferrable ? " DEFERRABLE" : " NOT DEFERRABLE");
            }
            statements.add(sql.toString());
            Duration lockWait = definition.getAttribute(TransactionDefinition.LOCK_WAIT_TIMEOUT);
            if (lockWait != null) {
                statements.add("SET LOCAL lock_timeout = " + millis(lockWait));
            }
            client().deferBegin(statements);
            return Mono.empty();
        });
    }

    /** Commits; with nothing sent since {@code beginTransaction()}, just forgets the deferred BEGIN. */
    @Override
    public Mono<Void> commitTransaction() {
        return endTransaction("COMMIT");
    }

    /** Rolls back; with nothing sent since {@code beginTransaction()}, just forgets the deferred BEGIN. */
    @Override
    public Mono<Void> rollbackTransaction() {
        return endTransaction("ROLLBACK");
    }

    private Mono<Void> endTransaction(String command) {
        return Mono.defer(() -> client().withdrawBegin() || client().transactionStatus() == 'I' ? Mono.empty()
                : run(command));
    }

    /**
     * Creates a savepoint, beginning a transaction first if none is open. The name follows {@link Identifiers}:
     * a plain name is quoted, a quoted identifier kept, anything else refused.
     */
    @Override
    public Mono<Void> createSavepoint(String name) {
        String quoted = savepoint(name);
        return Mono.defer(() -> run(client().transactionStatus() == 'I'
                ? "BEGIN; SAVEPOINT " + quoted : "SAVEPOINT " + quoted));
    }

    @Override
    public Mono<Void> releaseSavepoint(String name) {
        String quoted = savepoint(name);
        return Mono.defer(() -> run("RELEASE SAVEPOINT " + quoted));
    }

    @Override
    public Mono<Void> rollbackTransactionToSavepoint(String name) {
        String quoted = savepoint(name);
        return Mono.defer(() -> run("ROLLBACK TO SAVEPOINT " + quoted));
    }

    @Override
    public boolean isAutoCommit() {
        return autoCommit && client().transactionStatus() == 'I';
    }

    /**
     * Turning auto-commit off begins a transaction (when none is open); turning it on commits the open
     * one. Setting the mode it already has changes nothing.
     */
    @Override
    public Mono<Void> setAutoCommit(boolean autoCommit) {
        return Mono.defer(() -> {
            if (this.autoCommit == autoCommit) {
                return Mono.empty();
            }
            this.autoCommit = autoCommit;
            if (!autoCommit) {
                if (client().transactionStatus() == 'I') {
                    client().deferBegin(List.of("BEGIN"));
                }
                return Mono.empty();
            }
            return endTransaction("COMMIT");
        });
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
        return isolationLevel;
    }

    /** Sets the session's default isolation level for the transactions that follow. */
    @Override
    public Mono<Void> setTransactionIsolationLevel(IsolationLevel level) {
        if (level == null) {
            throw new IllegalArgumentException("IsolationLevel must not be null");
        }
        return Mono.defer(() -> run("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + isolationSql(level))
                .doOnSuccess(v -> isolationLevel = level));
    }

    /** Sets {@code lock_timeout} for the session; {@link Duration#ZERO} waits forever. */
    @Override
    public Mono<Void> setLockWaitTimeout(Duration timeout) {
        return setTimeout("lock_timeout", timeout);
    }

    /** Sets {@code statement_timeout} for the session; {@link Duration#ZERO} waits forever. */
    @Override
    public Mono<Void> setStatementTimeout(Duration timeout) {
        return setTimeout("statement_timeout", timeout);
    }

    private Mono<Void> setTimeout(String setting, Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("Timeout must not be null or negative");
        }
        return Mono.defer(() -> run("SET " + setting + " = " + millis(timeout)));
    }

    // ---------------------------------------------------------------- life cycle

    /**
     * {@code LOCAL}: whether the connection is open. {@code REMOTE}: whether the server answers a trivial
     * query within {@code validationTimeout} (default 5 s). Never errors: a failure is {@code false}.
     */
    @Override
    public Mono<Boolean> validate(ValidationDepth depth) {
        if (depth == null) {
            throw new IllegalArgumentException("ValidationDepth must not be null");
        }
        return Mono.defer(() -> {
            if (!client().isConnected()) {
                return Mono.just(false);
            }
            if (depth == ValidationDepth.LOCAL) {
                return Mono.just(true);
            }
            return run("SELECT 1").thenReturn(true).timeout(validationTimeout).onErrorReturn(false);
        });
    }

    /** Sends Terminate and closes the socket. Idempotent. */
    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> client().close());
    }

    @Override
    public Mono<Void> postAllocate() {
        return Mono.empty();
    }

    /** Rolls back a transaction left open, so that the next user of a pooled connection starts clean. */
    @Override
    public Mono<Void> preRelease() {
        return Mono.defer(() -> client().isConnected() && client().transactionStatus() != 'I' ? run("ROLLBACK")
                : Mono.empty());
    }

    @Override
    public PgConnectionMetadata getMetadata() {
        return new PgConnectionMetadata(serverParameters().getOrDefault("server_version", "unknown"));
    }

    // ---------------------------------------------------------------- PostgreSQL specifics

    /**
     * Asks the server to cancel what this connection is running (a CancelRequest over a new socket).
     * The cancelled statement fails with SQLSTATE 57014.
     */
    public Mono<Void> cancel() {
        return client().cancelRequest();
    }

    /** Whether the connection is open: not closed by either side, not failed. */
    public boolean isOpen() {
        return client().isConnected();
    }

    /** The backend's process id ({@code pg_backend_pid()}). */
    public int processId() {
        return client().processId();
    }

    /** The parameters the server reported ({@code server_version}, {@code TimeZone}, ...), kept current. */
    public Map<String, String> serverParameters() {
        return client().serverParameters();
    }

    /** The transaction status of the last ReadyForQuery: {@code 'I'} idle, {@code 'T'} in a transaction, {@code 'E'} failed. */
    public char transactionStatus() {
        return client().transactionStatus();
    }

    /** Calls {@code listener} (on the connection's event loop) for every notice and warning the server sends. */
    public Disposable onNotice(Consumer<PgErrorDetails> listener) {
        return client().onNotice(fields -> listener.accept(PgErrorDetails.of(fields)));
    }

    /** Calls {@code listener} (on the connection's event loop) when the server reports a changed parameter. */
    public Disposable onParameterStatus(BiConsumer<String, String> listener) {
        return client().onParameterStatus(listener);
    }

    // ---------------------------------------------------------------- COPY, LISTEN/NOTIFY, listeners
    // (thin delegations; the logic is in PgCopy, PgNotifications, QueryLogging)

    /**
     * Runs a {@code COPY ... FROM STDIN} statement and streams {@code data} into it: each element is a
     * {@code ByteBuf} (ownership transferred), {@code byte[]} or {@code ByteBuffer} (copied) or
     * {@code String} (UTF-8), any split of the COPY data stream. The source is requested only as fast as
     * the socket drains, and the whole input is never buffered. Completes with the number of rows copied.
     * When the source fails or the subscriber cancels, the driver sends CopyFail: the server rolls the COPY
     * back and the connection stays usable; the Mono then fails with the source's error (after the server
     * answered). A server error (bad data) fails it with the mapped {@code R2dbcException}.
     * Nothing else runs on this connection until the COPY ends.
     */
    public Mono<Long> copyIn(String sql, Publisher<?> data) {
        return new PgCopy(executor).copyIn(requireText(sql, "sql"), requireArgument(data, "data"));
    }

    /**
     * {@link #copyIn(String, Publisher)} into {@code table} with a {@code COPY} statement built from
     * {@code options} (format, delimiter, null, header, quote, escape, force_not_null, force_null,
     * encoding, where, freeze; schema and columns), every identifier quoted; asyncpg's {@code copy_to_table}.
     */
    public Mono<Long> copyToTable(String table, Publisher<?> data, CopyOptions options) {
        return Mono.defer(() -> copyIn(requireArgument(options, "options").copyToTable(requireText(table, "table")), data));
    }

    /**
     * Loads rows into {@code table} in binary COPY format, each value written by the codec of its column's
     * type (asyncpg's {@code copy_records_to_table}); the fastest way to load rows. A row is an
     * {@code Object[]} or {@code List} (values in column order), a {@code Map} (by column name; missing
     * keys are NULL) or a record (components in column order). {@code options} may name the schema, the
     * columns (default: all, in table order), {@code where} and {@code freeze}. Completes with the row count.
     */
    public Mono<Long> copyInRows(String table, Publisher<?> rows, CopyOptions options) {
        return new PgCopy(executor).copyInRows(requireText(table, "table"), requireArgument(options, "options"),
                requireArgument(rows, "rows"));
    }

    /**
     * Runs a {@code COPY ... TO STDOUT} statement (any format) and emits each CopyData message as an
     * array: one row per element in text and CSV formats. Socket reads pause while there is no demand, so
     * memory stays flat for a slow subscriber. Cancelling reads the rest of the data and drops it.
     */
    public Flux<byte[]> copyOut(String sql) {
        return new PgCopy(executor).copyOut(requireText(sql, "sql"));
    }

    /** {@link #copyOut(String)} of a table ({@code schema} and {@code columns} from the options); asyncpg's {@code copy_from_table}. */
    public Flux<byte[]> copyFromTable(String table, CopyOptions options) {
        return Flux.defer(() -> copyOut(requireArgument(options, "options").copyFromTable(requireText(table, "table"))));
    }

    /** {@link #copyOut(String)} of {@code COPY (query) TO STDOUT}; asyncpg's {@code copy_from_query}. */
    public Flux<byte[]> copyFromQuery(String query, CopyOptions options) {
        return Flux.defer(() -> copyOut(requireArgument(options, "options").copyFromQuery(requireText(query, "query"))));
    }

    /**
     * Exports {@code query} in binary COPY format and decodes each row with the codecs of its columns (the
     * query is described first); {@code mapper} sees each row as in {@code Result.map}, valid only during
     * the call. Backpressure as in {@link #copyOut(String)}.
     */
    public <T> Flux<T> copyOutRows(String query, BiFunction<Row, RowMetadata, ? extends T> mapper) {
        return new PgCopy(executor).copyOutRows(requireText(query, "query"), requireArgument(mapper, "mapper"));
    }

    /** {@link #listen(NotificationOverflow, String...)} with {@link NotificationOverflow#defaults()}. */
    public Flux<PgNotification> listen(String... channels) {
        return listen(NotificationOverflow.defaults(), channels);
    }

    /**
     * Notifications on {@code channels}. A channel name follows {@link Identifiers}: a plain name is quoted
     * (case kept: {@code MyChan} listens to {@code MyChan}), a quoted identifier is used as given and matches
     * notifications for the name inside the quotes ({@code "\"My-Chan\""} for {@code My-Chan}), anything else
     * is refused with {@link IllegalArgumentException}. The Flux is hot
     * and shared: the first subscriber sends LISTEN, the last cancel sends UNLISTEN (unless another
     * {@code listen} still uses the channel). A statement issued on this connection after subscribing
     * runs after the LISTEN. Notifications are delivered in the order the server sent them, including
     * those that arrive while queries run; a slow subscriber gets {@code overflow}'s policy. Fails when
     * the connection ends; see {@link PgListener} for a listener that reconnects.
     */
    public Flux<PgNotification> listen(NotificationOverflow overflow, String... channels) {
        return notifications.listen(requireArgument(overflow, "overflow"), channels);
    }

    /** Sends a notification with {@code pg_notify($1, $2)}: channel and payload are bound parameters. */
    public Mono<Void> notify(String channel, String payload) {
        return notifications.notify(channel, payload);
    }

    /**
     * Calls {@code listener} once when the connection ends: closed by the server ({@code pg_terminate_backend},
     * shutdown), by the network, or by {@link #close()}; at once if it already ended. Dispose to unregister.
     */
    public Disposable onTermination(Consumer<Throwable> listener) {
        return client().onTermination(requireArgument(listener, "listener"));
    }

    /**
     * Adds a query logger; while none is added, queries are logged at DEBUG to SLF4J. Bound values reach
     * the logger only when {@code withParameterValues} is true. Dispose to remove.
     */
    public Disposable addQueryLogger(QueryLogger logger, boolean withParameterValues) {
        return executor.logging().add(requireArgument(logger, "logger"), withParameterValues);
    }

    PgNotifications notifications() {
        return notifications;
    }

    private static <T> T requireArgument(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank");
        }
        return value;
    }

    /**
     * Runs parameterless SQL, one statement or several separated by semicolons, through the simple protocol
     * and discards what it returns; completes when the server is ready again, or fails with the first error
     * (the server skips the statements after it). One round trip and no result objects: for session commands
     * whose answers nobody reads ({@code SET}, {@code RESET}, {@code DISCARD}, the pool's session reset).
     * Query loggers see it with a row count of 0. Unlike a statement, it never begins the transaction that
     * auto-commit off asks for. Cancelling the subscription does not stop the server from running it.
     */
    public Mono<Void> runCommands(String sql) {
        return run(requireText(sql, "SQL"));
    }

    /**
     * Sends parameterless SQL whose answers nobody reads (one or more statements) ahead of this connection's next
     * request, in the same flush, instead of in a round trip of its own; the returned {@code Mono} completes at
     * once. Several calls before the next request are sent in order. A server error in the SQL closes the
     * connection, and the next request fails with it. Query loggers do not hear of it. The pool's default
     * session reset is sent this way.
     */
    public Mono<Void> deferCommands(String sql) {
        String text = requireText(sql, "SQL");
        return Mono.fromRunnable(() -> client().deferCommands(text));
    }

    Mono<Void> run(String sql) {
        return new SimpleCommand(client(), executor.logging(), sql);
    }

    PgClient client() {
        return executor.client();
    }

    private static String savepoint(String name) {
        return Identifiers.name(name, "savepoint");
    }

    static String isolationSql(IsolationLevel level) {
        return level.asSql();
    }

    static IsolationLevel isolationLevel(String setting) {
        return switch (setting.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "read uncommitted" -> IsolationLevel.READ_UNCOMMITTED;
            case "repeatable read" -> IsolationLevel.REPEATABLE_READ;
            case "serializable" -> IsolationLevel.SERIALIZABLE;
            default -> IsolationLevel.READ_COMMITTED;
        };
    }

    private static long millis(Duration d) {
        return d.toMillis();
    }

    /** A definition with no attributes. */
    private enum EmptyDefinition implements TransactionDefinition {
        INSTANCE;

        @Override
        public <T> T getAttribute(io.r2dbc.spi.Option<T> option) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "PgConnection[pid=" + client().processId() + "]";
    }
}
