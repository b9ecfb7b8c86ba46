package dev.r2dbcpg.core;

import dev.r2dbcpg.core.protocol.DroppingSink;
import dev.r2dbcpg.core.engine.QueryExecutor;
import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.error.PgErrorDetails;
import dev.r2dbcpg.core.error.PgExceptionFactory;
import dev.r2dbcpg.core.protocol.CopyIn;
import dev.r2dbcpg.core.protocol.CopyOut;
import dev.r2dbcpg.core.protocol.Prepare;
import dev.r2dbcpg.core.protocol.RowDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;

/**
 * COPY in both directions for one connection, as Reactive Streams: the SPI side of the
 * {@link CopyIn} and {@link CopyOut} conversations. See {@link PgConnection#copyIn} and the methods
 * next to it for the contracts.
 */
final class PgCopy {

    /** Chunks of caller data the source may have outstanding (small chunks are coalesced on write). */
    private static final int CHUNK_PREFETCH = 128;
    /** Rows encoded together into one chunk (a partial chunk goes out when the source completes). */
    private static final int ROWS_PER_CHUNK = 512;
    /** Chunks of encoded rows the source may have outstanding. */
    private static final int ROW_CHUNK_PREFETCH = 8;
    private static final byte[] UNNAMED = new byte[0];

    private final QueryExecutor executor;

    PgCopy(QueryExecutor executor) {
        this.executor = executor;
    }

    // ---------------------------------------------------------------- COPY FROM STDIN

    Mono<Long> copyIn(String sql, Publisher<?> data) {
        return copyIn(sql, Flux.from(data).map(PgCopy::toByteBuf), CHUNK_PREFETCH);
    }

    Mono<Long> copyInRows(String table, CopyOptions options, Publisher<?> rows) {
        return columns(table, options).flatMap(columns -> {
            // The described names are the server's, not a caller's: quoted as they are.
            CopyOptions binary = options.toBuilder().columns(columns.names().stream().map(Identifiers::quote)
                            .toArray(String[]::new))
                    .format(CopyOptions.Format.BINARY).build();
            ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
            Flux<ByteBuf> data = Flux.concat(Mono.fromCallable(() -> CopyBinary.header(alloc)),
                    Flux.from(rows).buffer(ROWS_PER_CHUNK).map(batch -> CopyBinary.encodeRows(batch, columns, alloc)),
                    Mono.fromCallable(() -> CopyBinary.trailer(alloc)));
            return copyIn(binary.copyToTable(table), data, ROW_CHUNK_PREFETCH);
        });
    }

    private Mono<Long> copyIn(String sql, Flux<ByteBuf> data, int prefetch) {
        return Mono.<Long>create(sink -> {
            CopyInSubscriber subscriber = new CopyInSubscriber(sink, sql);
            CopyIn copy = new CopyIn(sql, prefetch, subscriber);
            subscriber.copy = copy;
            sink.onCancel(subscriber::cancelledByConsumer);
            data.doOnDiscard(ByteBuf.class, ReferenceCountUtil::safeRelease).subscribe(subscriber.source);
            executor.client().exchange(copy);
        });
    }

    private static ByteBuf toByteBuf(Object chunk) {
        if (chunk instanceof ByteBuf buf) {
            return buf;
        }
        // Arrays and strings become short-lived heap copies, not pooled buffers: the conversation copies
        // small chunks once more into a coalesced CopyData frame, and the heap copy is then garbage.
        if (chunk instanceof byte[] bytes) {
            return Unpooled.wrappedBuffer(bytes.clone());
        }
        if (chunk instanceof ByteBuffer buffer) {
            ByteBuffer copy = ByteBuffer.allocate(buffer.remaining()).put(buffer.duplicate());
            return Unpooled.wrappedBuffer(copy.flip());
        }
        if (chunk instanceof CharSequence text) {
            return Unpooled.wrappedBuffer(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        throw new IllegalArgumentException("COPY data must be ByteBuf, byte[], ByteBuffer or String, not "
                + chunk.getClass().getName());
    }

    /**
     * Feeds the source into the conversation at the pace the conversation asks for, and turns the
     * outcome into the {@code Mono}: the row count, the server's error, or the source's own error
     * once the server rolled the COPY back (so that the connection is usable when it is observed).
     */
    private static final class CopyInSubscriber implements CopyIn.Sink {

        private final MonoSink<Long> result;
        private final String sql;
        private final Operators.DeferredSubscription upstream = new Operators.DeferredSubscription();
        final Source source = new Source();
        @SuppressWarnings("NotNullFieldNotInitialized")
        CopyIn copy;
        private volatile @Nullable Throwable sourceError;
        private volatile boolean cancelled;
        private long rows = -1;
        private @Nullable Map<Character, String> serverError;

        CopyInSubscriber(MonoSink<Long> result, String sql) {
            this.result = result;
            this.sql = sql;
        }

        /** The caller's data; signals go straight to the conversation's thread-safe producer methods. */
        final class Source implements CoreSubscriber<ByteBuf> {

            @Override
            public void onSubscribe(Subscription s) {
                upstream.set(s);
            }

            @Override
            public void onNext(ByteBuf chunk) {
                copy.send(chunk);
            }

            @Override
            public void onError(Throwable error) {
                sourceError = error;
                copy.sendFail("COPY data source failed: " + error);
            }

            @Override
            public void onComplete() {
                copy.sendDone();
            }
        }

        void cancelledByConsumer() {
            cancelled = true;
            upstream.cancel();
            copy.sendFail("COPY cancelled by the client");
        }

        // ---------------------------------------------------------------- conversation (event loop)

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            upstream.cancel();
        }

        @Override
        public void onCommandComplete(long rows) {
            this.rows = rows;
        }

        @Override
        public void onServerError(Map<Character, String> fields) {
            serverError = fields;
        }

        @Override
        public void onComplete() {
            upstream.cancel();
            Throwable failed = sourceError;
            Map<Character, String> fields = serverError;
            if (cancelled) {
                return;
            }
            if (failed != null) {
                result.error(failed);
            } else if (fields != null) {
                result.error(PgExceptionFactory.create(PgErrorDetails.of(fields), sql));
            } else {
                result.success(rows);
            }
        }

        @Override
        public void onError(Throwable error) {
            upstream.cancel();
            result.error(error);
        }
    }

    // ---------------------------------------------------------------- COPY TO STDOUT

    /** Each CopyData as a {@code byte[]}; one per row in text and CSV formats. */
    Flux<byte[]> copyOut(String sql) {
        return Flux.<byte[]>create(emitter -> {
            CopyOutSink sink = new CopyOutSink(emitter, sql, ByteBufUtil::getBytes);
            start(emitter, new CopyOut(sql, sink));
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** Binary COPY of {@code query}, each tuple decoded as a row by the column's codec. */
    <T> Flux<T> copyOutRows(String query, BiFunction<Row, RowMetadata, ? extends T> mapper) {
        return describe(query).flatMapMany(description -> {
            PgRowMetadata metadata = new PgRowMetadata(binary(description), executor.codecs());
            String sql = CopyOptions.builder().format(CopyOptions.Format.BINARY).build().copyFromQuery(query);
            return Flux.<T>create(emitter -> {
                CopyBinary.Reader reader = new CopyBinary.Reader(ByteBufAllocator.DEFAULT);
                CopyOutSink sink = new CopyOutSink(emitter, sql, null) {
                    @Override
                    public void onCopyData(ByteBuf data) {
                        for (ByteBuf tuple = reader.next(data.readRetainedSlice(data.readableBytes())); tuple != null;
                                tuple = reader.next(null)) {
                            PgRow row = new PgRow(metadata, tuple);
                            try {
                                T value = mapper.apply(row, metadata);
                                if (value == null) {
                                    throw new IllegalStateException("The mapping function returned null");
                                }
                                emitter.next(value);
                            } finally {
                                row.release();
                            }
                        }
                    }

                    @Override
                    void finish() {
                        reader.release();
                    }
                };
                start(emitter, new CopyOut(sql, sink));
            }, FluxSink.OverflowStrategy.BUFFER);
        });
    }

    private void start(FluxSink<?> emitter, CopyOut copy) {
        emitter.onRequest(n -> copy.requestMore());
        // The rest of the data is read and dropped: a CancelRequest could hit the next request.
        emitter.onCancel(copy::discard);
        executor.client().exchange(copy);
    }

    /** Adapts a {@link CopyOut} to a {@link FluxSink}; reading pauses while the subscriber has no demand. */
    private static class CopyOutSink implements CopyOut.Sink {

        private final FluxSink<Object> emitter;
        private final String sql;
        private final java.util.function.@Nullable Function<ByteBuf, byte[]> chunks;
        private @Nullable Map<Character, String> serverError;

        @SuppressWarnings("unchecked")
        CopyOutSink(FluxSink<?> emitter, String sql, java.util.function.@Nullable Function<ByteBuf, byte[]> chunks) {
            this.emitter = (FluxSink<Object>) emitter;
            this.sql = sql;
            this.chunks = chunks;
        }

        @Override
        public void onCopyData(ByteBuf data) {
            if (chunks != null) {
                emitter.next(chunks.apply(data));
            }
        }

        @Override
        public void onCommandComplete(long rows) {
        }

        @Override
        public void onServerError(Map<Character, String> fields) {
            serverError = fields;
        }

        @Override
        public void onComplete() {
            finish();
            Map<Character, String> fields = serverError;
            if (fields != null) {
                emitter.error(PgExceptionFactory.create(PgErrorDetails.of(fields), sql));
            } else {
                emitter.complete();
            }
        }

        @Override
        public void onError(Throwable error) {
            finish();
            emitter.error(error);
        }

        @Override
        public boolean hasDemand() {
            return emitter.requestedFromDownstream() > 0 || emitter.isCancelled();
        }

        void finish() {
        }
    }

    // ---------------------------------------------------------------- row layout

    /** The columns a binary COPY into {@code table} writes, with the codec for each one's type. */
    private Mono<CopyBinary.Columns> columns(String table, CopyOptions options) {
        String select = "SELECT " + (options.columns().isEmpty() ? "*" : options.columnList()) + " FROM "
                + options.table(table);
        return describe(select).map(description -> {
            CodecRegistry codecs = executor.codecs();
            int n = description.size();
            List<String> names = new ArrayList<>(n);
            int[] oids = new int[n];
            Codec<?>[] byColumn = new Codec<?>[n];
            for (int i = 0; i < n; i++) {
                RowDescription.Column c = description.column(i);
                names.add(c.name());
                oids[i] = c.typeOid();
                byColumn[i] = codecs.forOid(c.typeOid());
            }
            return new CopyBinary.Columns(List.copyOf(names), oids, byColumn);
        });
    }

    /** Parse/Describe/Sync of the unnamed statement: the result columns, without running the query. */
    private Mono<RowDescription> describe(String sql) {
        return Mono.create(emitter -> executor.client().exchange(new Prepare(UNNAMED, sql, new int[0],
                new DescribeSink(emitter, sql))));
    }

    private static RowDescription binary(RowDescription description) {
        RowDescription.Column[] columns = new RowDescription.Column[description.size()];
        for (int i = 0; i < columns.length; i++) {
            RowDescription.Column c = description.column(i);
            columns[i] = new RowDescription.Column(c.name(), c.tableOid(), c.columnAttr(), c.typeOid(), c.typeSize(),
                    c.typeModifier(), Format.BINARY.code());
        }
        return RowDescription.of(columns);
    }

    private static final class DescribeSink extends DroppingSink {

        private final MonoSink<RowDescription> emitter;
        private final String sql;
        private @Nullable RowDescription description;
        private @Nullable Map<Character, String> serverError;

        DescribeSink(MonoSink<RowDescription> emitter, String sql) {
            this.emitter = emitter;
            this.sql = sql;
        }

        @Override
        public void onRowDescription(RowDescription description) {
            this.description = description;
        }

        @Override
        public void onServerError(Map<Character, String> fields) {
            serverError = fields;
        }

        @Override
        public void onComplete() {
            Map<Character, String> fields = serverError;
            RowDescription d = description;
            if (fields != null) {
                emitter.error(PgExceptionFactory.create(PgErrorDetails.of(fields), sql));
            } else if (d == null) {
                emitter.error(new IllegalArgumentException("Statement returns no rows: " + sql));
            } else {
                emitter.success(d);
            }
        }

        @Override
        public void onError(Throwable error) {
            emitter.error(error);
        }
    }
}
