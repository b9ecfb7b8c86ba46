package dev.r2dbcpg.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

/** The query loggers of one connection, and the observation of one query's segments for them. */
final class QueryLogging {

    private static final Logger LOG = LoggerFactory.getLogger(QueryLogger.class);

    private record Registration(QueryLogger logger, boolean withValues) {
    }

    private final List<Registration> loggers = new CopyOnWriteArrayList<>();

    Disposable add(QueryLogger logger, boolean withValues) {
        Registration r = new Registration(logger, withValues);
        loggers.add(r);
        return () -> loggers.remove(r);
    }

    /**
     * Observes {@code messages} (segments and end-of-result markers) of one query; passes them through.
     *
     * @param binding the bound values, or null for the simple protocol
     */
    Flux<Object> observe(String sql, @Nullable Binding binding, Flux<Object> messages) {
        if (loggers.isEmpty() && !LOG.isDebugEnabled()) {
            return messages;
        }
        return Flux.defer(() -> {
            long start = System.nanoTime();
            long[] rows = new long[1];
            Throwable[] error = new Throwable[1];
            return messages.doOnNext(message -> {
                if (message instanceof Segments.RowSegment) {
                    rows[0]++;
                } else if (message instanceof Segments.UpdateCount count) {
                    rows[0] += count.value();
                } else if (message instanceof Segments.Message m && m.error() && error[0] == null) {
                    error[0] = m.exception();
                }
            }).doOnError(e -> {
                if (error[0] == null) {
                    error[0] = e;
                }
            }).doFinally(signal -> emit(sql, binding, Duration.ofNanos(System.nanoTime() - start), rows[0], error[0],
                    signal == SignalType.CANCEL));
        });
    }

    private void emit(String sql, @Nullable Binding binding, Duration elapsed, long rows, @Nullable Throwable error,
            boolean cancelled) {
        if (loggers.isEmpty()) {
            LOG.debug("{} ms, {} rows{}{}, {} parameters: {}", elapsed.toNanos() / 1_000_000.0, rows,
                    error == null ? "" : ", error: " + error.getMessage(), cancelled ? ", cancelled" : "",
                    binding == null ? 0 : binding.size(), sql);
            return;
        }
        int count = binding == null ? 0 : binding.size();
        List<@Nullable Object> values = null;
        for (Registration r : loggers) {
            if (r.withValues() && values == null) {
                values = binding == null ? List.of() : binding.loggedValues();
            }
            try {
                r.logger().log(new PgQueryEvent(sql, count, r.withValues() && values != null ? values : List.of(), elapsed,
                        rows, error, cancelled));
            } catch (RuntimeException e) {
                LOG.warn("Query logger failed", e);
            }
        }
    }
}
