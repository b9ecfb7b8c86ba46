package dev.r2dbcpg.core;

import dev.r2dbcpg.core.engine.Segments;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The result of one SQL statement: its rows, update count and messages, consumed once, in order, with
 * backpressure. Rows are valid only inside the mapping function; the driver releases each row right
 * after it. A server error of the statement surfaces as an error signal from {@link #map},
 * {@link #getRowsUpdated()} and the like, and as a {@link Result.Message} segment in {@link #flatMap}.
 */
public final class PgResult implements Result {

    private final Flux<Result.Segment> segments;

    /**
     * @param segments read once; a segment it hands out belongs to the reader, and one dropped before being handed
     *     out is released by the source
     */
    PgResult(Flux<Result.Segment> segments) {
        this.segments = segments;
    }

    /** The segments as they come, unreleased (for tests of the stream that feeds them). */
    Flux<Result.Segment> segments() {
        return segments;
    }

    @Override
    public Mono<Long> getRowsUpdated() {
        return segments.<Long>handle((segment, sink) -> {
            if (segment instanceof Segments.UpdateCount count) {
                sink.next(count.value());
            } else if (segment instanceof Segments.Message message && message.error()) {
                sink.error(message.exception());
            } else {
                Segments.release(segment);
            }
        }).reduce(Long::sum);
    }

    @Override
    public <T> Flux<T> map(BiFunction<Row, RowMetadata, ? extends T> mappingFunction) {
        requireNonNull(mappingFunction, "mappingFunction");
        return segments.handle((segment, sink) -> {
            if (segment instanceof PgRow row) {
                try {
                    T value = mappingFunction.apply(row, row.getMetadata());
                    if (value == null) {
                        sink.error(new IllegalStateException("The mapping function returned null"));
                    } else {
                        sink.next(value);
                    }
                } finally {
                    row.release();
                }
            } else if (segment instanceof Segments.Message message && message.error()) {
                sink.error(message.exception());
            } else {
                Segments.release(segment);
            }
        });
    }

    @Override
    public <T> Flux<T> map(Function<? super Readable, ? extends T> mappingFunction) {
        requireNonNull(mappingFunction, "mappingFunction");
        return segments.handle((segment, sink) -> {
            PgRow row;
            Readable readable;
            if (segment instanceof PgRow rowSegment) {
                row = rowSegment;
                readable = row;
            } else if (segment instanceof Segments.OutSegment out) {
                row = out.outParameters().row();
                readable = out.outParameters();
            } else {
                if (segment instanceof Segments.Message message && message.error()) {
                    sink.error(message.exception());
                }
                return;
            }
            try {
                T value = mappingFunction.apply(readable);
                if (value == null) {
                    sink.error(new IllegalStateException("The mapping function returned null"));
                } else {
                    sink.next(value);
                }
            } finally {
                row.release();
            }
        });
    }

    @Override
    public PgResult filter(Predicate<Result.Segment> filter) {
        requireNonNull(filter, "filter");
        return new PgResult(segments.filter(segment -> {
            boolean keep = filter.test(segment);
            if (!keep) {
                Segments.release(segment);
            }
            return keep;
        }));
    }

    @Override
    public <T> Flux<T> flatMap(Function<Result.Segment, ? extends Publisher<? extends T>> mappingFunction) {
        requireNonNull(mappingFunction, "mappingFunction");
        return segments.concatMap(segment -> {
            Publisher<? extends T> mapped;
            try {
                mapped = mappingFunction.apply(segment);
            } catch (RuntimeException | Error e) {
                Segments.release(segment);
                return Flux.error(e);
            }
            if (mapped == null) {
                Segments.release(segment);
                return Flux.error(new IllegalStateException("The mapping function returned null"));
            }
            return Flux.<T>from(mapped).doFinally(signal -> Segments.release(segment));
        }).doOnDiscard(Result.Segment.class, Segments::release);
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    @Override
    public String toString() {
        return "PgResult";
    }
}
