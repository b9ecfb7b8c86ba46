package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.client.PgClient;
import dev.r2dbcpg.core.error.PgErrorDetails;
import dev.r2dbcpg.core.error.PgExceptionFactory;
import dev.r2dbcpg.core.protocol.DroppingSink;
import dev.r2dbcpg.core.protocol.SimpleQuery;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * Parameterless SQL whose answers nobody reads (transaction control, {@code SET}, the pool's session reset):
 * one simple-protocol Query, its rows and counts dropped as they arrive, completion after ReadyForQuery or the
 * first server error. No result objects and no queue: the sink signals the subscriber directly. The request is
 * queued on subscription; a cancelled subscriber is not signalled, and the server still runs the SQL to its end.
 */
public final class SimpleCommand extends Mono<Void> {

    private final PgClient client;
    private final QueryLogging logging;
    private final String sql;

    public SimpleCommand(PgClient client, QueryLogging logging, String sql) {
        this.client = client;
        this.logging = logging;
        this.sql = sql;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Void> actual) {
        Sink sink = new Sink(actual, sql, logging.observe(sql, null));
        actual.onSubscribe(sink);
        client.exchange(new SimpleQuery(sql, sink));
    }

    /** Called on the event loop, in protocol order; terminal exactly once (the conversation's contract). */
    private static final class Sink extends DroppingSink implements Subscription {

        private final CoreSubscriber<? super Void> actual;
        private final String sql;
        /** The query loggers' view, null while nobody logs; they see a row count of 0. */
        private final QueryLogging.@Nullable Observation observation;
        private @Nullable Throwable error;
        private volatile boolean cancelled;

        Sink(CoreSubscriber<? super Void> actual, String sql, QueryLogging.@Nullable Observation observation) {
            this.actual = actual;
            this.sql = sql;
            this.observation = observation;
        }

        @Override
        public void request(long n) {
            // Nothing is emitted but the terminal signal.
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public void onServerError(Map<Character, String> fields) {
            // The server skips the rest of the string after an error: there is only one.
            if (error == null) {
                error = PgExceptionFactory.create(PgErrorDetails.of(fields), sql);
            }
        }

        @Override
        public void onComplete() {
            Throwable e = error;
            if (observation != null) {
                observation.finish(e, cancelled);
            }
            if (cancelled) {
                return;
            }
            if (e != null) {
                actual.onError(e);
            } else {
                actual.onComplete();
            }
        }

        @Override
        public void onError(Throwable error) {
            if (observation != null) {
                observation.finish(error, cancelled);
            }
            if (!cancelled) {
                actual.onError(error);
            }
        }
    }
}
