package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.PgQueryEvent;
import dev.r2dbcpg.core.PgRow;
import dev.r2dbcpg.core.QueryLogger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/** The query loggers of one connection, and the observation of one query's segments for them. */
public final class QueryLogging {

    private static final Logger LOG = LoggerFactory.getLogger(QueryLogger.class);

    private record Registration(QueryLogger logger, boolean withValues) {
    }

    private final List<Registration> loggers = new CopyOnWriteArrayList<>();

    public Disposable add(QueryLogger logger, boolean withValues) {
        Registration r = new Registration(logger, withValues);
        loggers.add(r);
        return () -> loggers.remove(r);
    }

    /**
     * Starts observing one query for the loggers, or returns null when nobody logs.
     *
     * @param binding the bound values, or null for the simple protocol
     */
    @Nullable Observation observe(String sql, @Nullable Binding binding) {
        if (loggers.isEmpty() && !LOG.isDebugEnabled()) {
            return null;
        }
        return new Observation(sql, binding);
    }

    /** One query's messages as the loggers see them: rows counted as they arrive, the first error, the end. */
    final class Observation {

        private final String sql;
        private final @Nullable Binding binding;
        private final long start = System.nanoTime();
        private long rows;
        private @Nullable Throwable error;
        private boolean finished;

        private Observation(String sql, @Nullable Binding binding) {
            this.sql = sql;
            this.binding = binding;
        }

        /** A segment or end-of-result marker (event loop). */
        void onMessage(Object message) {
            if (message instanceof PgRow) {
                rows++;
            } else if (message instanceof Segments.UpdateCount count) {
                rows += count.value();
            } else if (message instanceof Segments.Message m && m.error() && error == null) {
                error = m.exception();
            }
        }

        /** The query ended (event loop); reports once. */
        void finish(@Nullable Throwable failure, boolean cancelled) {
            if (finished) {
                return;
            }
            finished = true;
            emit(sql, binding, Duration.ofNanos(System.nanoTime() - start), rows, error != null ? error : failure,
                    cancelled);
        }
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
