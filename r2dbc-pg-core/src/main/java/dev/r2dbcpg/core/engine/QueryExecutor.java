package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.PgResult;
import dev.r2dbcpg.core.PgRowMetadata;
import dev.r2dbcpg.core.client.PgClient;
import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.protocol.DroppingSink;
import dev.r2dbcpg.core.protocol.CloseStatement;
import dev.r2dbcpg.core.protocol.Conversation;
import dev.r2dbcpg.core.protocol.ExtendedBatch;
import dev.r2dbcpg.core.protocol.ExtendedQuery;
import dev.r2dbcpg.core.protocol.Prepare;
import dev.r2dbcpg.core.protocol.RowDescription;
import dev.r2dbcpg.core.protocol.SimpleQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Runs SQL on one connection: the simple protocol for parameterless SQL, the extended protocol with
 * the statement cache for the rest. Every request is queued on the client at subscription, in call
 * order, so requests issued without waiting are pipelined. A statement not yet prepared goes out as
 * Parse/Describe/Sync, and its Bind/Execute is queued ahead of everything that waits, so that call
 * order is also execution order. When the statement's parameter or column types include types no
 * codec knows, a look-up of those types ({@link TypeLookup}) runs between the two, in the same way.
 */
public final class QueryExecutor {

    private static final byte[] UNNAMED = new byte[0];

    private final PgClient client;
    private final CodecRegistry codecs;
    private final StatementCache cache;
    private final Consumer<Map<Character, String>> notices;
    private final QueryLogging logging = new QueryLogging();
    private final TypeLookup types;
    private final SessionTimeZone timeZone;

    public QueryExecutor(PgClient client, TypeDiscovery discovery, StatementCache cache,
            Consumer<Map<Character, String>> notices) {
        this.client = client;
        this.codecs = discovery.codecs();
        this.cache = cache;
        this.notices = notices;
        this.types = new TypeLookup(discovery);
        this.timeZone = new SessionTimeZone(client.serverParameters());
    }

    public PgClient client() {
        return client;
    }

    public CodecRegistry codecs() {
        return codecs;
    }

    public QueryLogging logging() {
        return logging;
    }

    StatementCache cache() {
        return cache;
    }

    /** Runs {@code sql} (possibly several statements) through the simple protocol: one result per statement. */
    public Flux<PgResult> simple(String sql) {
        return new ResultStream(false, stream -> {
            stream.observe(logging.observe(sql, null));
            ResultSink sink = new ResultSink(stream, codecs, timeZone, sql, notices);
            SimpleQuery query = new SimpleQuery(sql, sink);
            AtomicReference<Conversation> current = new AtomicReference<>(query);
            wire(stream, current);
            client.exchange(query);
        });
    }

    /** Runs one statement with one binding through the extended protocol. */
    public Flux<PgResult> extended(String sql, Binding binding, int fetchSize) {
        return new ResultStream(true, stream -> {
            stream.observe(logging.observe(sql, binding));
            AtomicReference<Conversation> current = new AtomicReference<>();
            wire(stream, current);
            new Execution(stream, current, sql, List.of(binding), fetchSize).start();
        });
    }

    /**
     * Runs one statement with several bindings (all declaring the same parameter types, see
     * {@link #batchable}) as one exchange: at most one Parse/Describe, then every Bind/Execute and one Sync
     * ({@link ExtendedBatch}). One result per binding, in order; an error at binding k ends the batch with
     * that error (its message names k) and the later bindings do not run.
     */
    public Flux<PgResult> batch(String sql, List<Binding> bindings) {
        return new ResultStream(false, stream -> {
            stream.observe(logging.observe(sql, bindings.get(0)));
            AtomicReference<Conversation> current = new AtomicReference<>();
            wire(stream, current);
            new Execution(stream, current, sql, bindings, 0).start();
        });
    }

    /** Whether these bindings can share one prepared statement: the same declared types and formats. */
    public static boolean batchable(List<Binding> bindings) {
        int[] types = bindings.get(0).parameterTypes();
        short[] formats = bindings.get(0).parameterFormats();
        for (int i = 1; i < bindings.size(); i++) {
            Binding b = bindings.get(i);
            if (b.hasOutParameters() || !java.util.Arrays.equals(types, b.parameterTypes())
                    || !java.util.Arrays.equals(formats, b.parameterFormats())) {
                return false;
            }
        }
        return !bindings.get(0).hasOutParameters();
    }

    private void wire(ResultStream stream, AtomicReference<Conversation> current) {
        stream.upstream(new ResultStream.Upstream() {
            @Override
            public void requestMore() {
                Conversation c = current.get();
                if (c != null) {
                    c.requestMore();
                }
            }

            @Override
            public void cancel() {
                Conversation c = current.get();
                if (c != null && !c.isFinished()) {
                    c.discard();
                    // Still running: ask the server to stop rather than reading everything to the end (only
                    // when nothing is pipelined behind it, which a late cancel could hit instead).
                    client.cancelIfRunning(c).onErrorResume(e -> reactor.core.publisher.Mono.empty()).subscribe();
                }
            }
        });
    }

    /** Closes statements the cache evicted; fire and forget, pipelined with whatever comes next. */
    private void closeEvicted() {
        for (byte[] name : cache.drainEvicted()) {
            client.exchange(new CloseStatement(name, IgnoringSink.INSTANCE));
        }
    }

    /** One statement's way through prepare (when needed), execute, and at most one re-prepare. */
    private final class Execution {

        private final ResultStream emitter;
        private final AtomicReference<Conversation> current;
        private final String sql;
        private final List<Binding> bindings;
        private final int fetchSize;
        private final int[] parameterTypes;
        private final boolean cacheable;
        private boolean retried;

        Execution(ResultStream emitter, AtomicReference<Conversation> current, String sql, List<Binding> bindings,
                int fetchSize) {
            this.emitter = emitter;
            this.current = current;
            this.sql = sql;
            this.bindings = bindings;
            this.fetchSize = fetchSize;
            this.parameterTypes = bindings.get(0).parameterTypes();
            this.cacheable = cache.cacheable(sql);
        }

        void start() {
            StatementCache.Entry entry = cacheable ? cache.get(sql, parameterTypes) : null;
            closeEvicted();
            if (entry != null) {
                execute(entry, false);
            } else {
                prepare(false);
            }
        }

        /** Parse/Describe/Sync; blocks later writes until answered, then Bind/Execute goes first. */
        private void prepare(boolean fromEventLoop) {
            byte[] name = cacheable ? cache.nextName() : UNNAMED;
            PrepareSink sink = new PrepareSink(this, name);
            Prepare prepare = new Prepare(name, sql, parameterTypes, sink);
            current.set(prepare);
            if (fromEventLoop) {
                client.exchangeFirst(prepare);
            } else {
                client.exchange(prepare);
            }
        }

        void prepared(StatementCache.Entry entry) {
            if (cacheable) {
                cache.put(sql, entry);
                closeEvicted();
            }
            if (emitter.isCancelled()) {
                emitter.complete();
                return;
            }
            execute(entry, true);
        }

        private void execute(StatementCache.Entry entry, boolean fromEventLoop) {
            ByteBuf[] parameters = new ByteBuf[bindings.size()];
            try {
                for (int i = 0; i < parameters.length; i++) {
                    parameters[i] = bindings.get(i).encode(ByteBufAllocator.DEFAULT);
                }
            } catch (RuntimeException e) {
                for (ByteBuf encoded : parameters) {
                    if (encoded != null) {
                        encoded.release();
                    }
                }
                emitter.fail(bindings.size() == 1 ? e : new IllegalArgumentException(
                        "Batch binding " + indexOfFailed(parameters) + ": " + e.getMessage(), e));
                return;
            }
            Binding first = bindings.get(0);
            ExecuteSink sink = new ExecuteSink(this);
            sink.presetMetadata(entry.metadata);
            if (first.hasOutParameters()) {
                sink.deliverRowsAsOutParameters();
            }
            Conversation query = parameters.length == 1
                    ? new ExtendedQuery(entry.name, null, entry.parameterTypes, first.parameterFormats(),
                            parameters[0], entry.resultFormats, false, fetchSize, sink)
                    : new ExtendedBatch(entry.name, first.parameterFormats(), parameters, entry.resultFormats, sink);
            current.set(query);
            if (fromEventLoop) {
                client.exchangeFirst(query);
            } else {
                client.exchange(query);
            }
        }

        private static int indexOfFailed(ByteBuf[] parameters) {
            int i = 0;
            while (i < parameters.length && parameters[i] != null) {
                i++;
            }
            return i;
        }

        /**
         * A cached statement the server rejected because it is gone (26000) or its result type changed
         * after DDL (0A000): forget it and prepare again, once, unless the transaction is already failed.
         */
        boolean shouldRetry(Map<Character, String> fields, ResultSink sink) {
            String code = fields.get('C');
            boolean stale = "26000".equals(code)
                    || "0A000".equals(code) && String.valueOf(fields.get('M')).contains("cached plan must not change result type");
            return stale && !retried && cacheable && !sink.emittedAny();
        }

        void retry() {
            retried = true;
            cache.invalidate(sql, parameterTypes);
            prepare(true);
        }
    }

    /** Learns a statement's parameter types and columns, then hands over to the execute step. */
    private final class PrepareSink extends ResultSink {

        private final Execution execution;
        private final byte[] name;
        private int @Nullable [] parameterTypes;
        private @Nullable RowDescription description;
        private boolean failed;

        PrepareSink(Execution execution, byte[] name) {
            super(execution.emitter, codecs, timeZone, execution.sql, notices);
            this.execution = execution;
            this.name = name;
        }

        @Override
        public void onParameterDescription(int[] typeOids) {
            parameterTypes = typeOids;
        }

        @Override
        public void onRowDescription(RowDescription description) {
            this.description = description;
        }

        @Override
        public void onServerError(Map<Character, String> fields) {
            failed = true;
            super.onServerError(fields);
        }

        @Override
        public void onComplete() {
            if (failed) {
                super.onComplete();
                return;
            }
            int[] unknown = types.discovery().unknown(parameterTypes, description);
            if (unknown.length > 0 && !execution.emitter.isCancelled()) {
                // Learn the types before the result formats are chosen; Bind/Execute follows the look-up.
                Conversation lookup = types.conversation(unknown, this::described, execution.emitter::fail);
                execution.current.set(lookup);
                client.exchangeFirst(lookup);
                return;
            }
            described();
        }

        private void described() {
            RowDescription described = description;
            short[] formats;
            PgRowMetadata metadata = null;
            if (described == null) {
                formats = new short[0];
            } else {
                int n = described.size();
                formats = new short[n];
                RowDescription.Column[] columns = new RowDescription.Column[n];
                for (int i = 0; i < n; i++) {
                    RowDescription.Column c = described.column(i);
                    formats[i] = (codecs.hasBinaryCodec(c.typeOid()) ? Format.BINARY : Format.TEXT).code();
                    columns[i] = new RowDescription.Column(c.name(), c.tableOid(), c.columnAttr(), c.typeOid(),
                            c.typeSize(), c.typeModifier(), formats[i]);
                }
                metadata = SpiObjects.get().metadata(RowDescription.of(columns), codecs, timeZone);
            }
            // The types we declared, not the inferred ones, key the cache: that is what the next lookup has.
            execution.prepared(new StatementCache.Entry(name, execution.parameterTypes, formats, metadata));
        }
    }

    /** Delivers an Execute's rows, or starts the one re-prepare a stale cached statement earns. */
    private final class ExecuteSink extends ResultSink {

        private final Execution execution;
        private boolean retry;

        ExecuteSink(Execution execution) {
            super(execution.emitter, codecs, timeZone, execution.sql, notices);
            this.execution = execution;
        }

        @Override
        public void onBindingError(int binding, Map<Character, String> fields) {
            if (binding == 0 && execution.shouldRetry(fields, this) && client.transactionStatus() == 'I') {
                retry = true;
                return;
            }
            reportBindingError(binding, execution.bindings.size(), fields);
        }

        @Override
        public void onServerError(Map<Character, String> fields) {
            // Inside a transaction block the error aborted the transaction: a retry would only fail again.
            if (execution.shouldRetry(fields, this) && client.transactionStatus() == 'I') {
                retry = true;
                return;
            }
            super.onServerError(fields);
        }

        @Override
        public void onComplete() {
            if (retry) {
                retry = false;
                execution.retry();
                return;
            }
            super.onComplete();
        }
    }

    /** For fire-and-forget conversations (closing evicted statements): errors do not matter. */
    private static final class IgnoringSink extends DroppingSink {

        static final IgnoringSink INSTANCE = new IgnoringSink();
    }
}
