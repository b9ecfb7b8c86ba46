package dev.r2dbcpg.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A LISTEN that survives connection loss. It holds its own connection from a
 * {@link PgConnectionFactory}; when that connection ends (server restart,
 * {@code pg_terminate_backend}, network failure) it connects again with exponential backoff
 * (100 ms doubling up to 10 s, for as long as it has subscribers), LISTENs again, and then emits a
 * {@link PgListenGap}: notifications sent while it was away may be missing, so a subscriber that
 * mirrors state should re-read it. Everything after the gap signal is received.
 *
 * <p>The returned Flux is hot and shared: the first subscriber opens the connection, the last
 * cancel closes it. Failing to connect the first time, or LISTEN being refused, fails the Flux;
 * buffering follows the {@link NotificationOverflow} given.
 */
public final class PgListener {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private record Lost(Throwable cause, Instant at) {
    }

    private PgListener() {
    }

    /** {@link #listen(PgConnectionFactory, NotificationOverflow, String...)} with the default overflow policy. */
    public static Flux<PgListenSignal> listen(PgConnectionFactory factory, String... channels) {
        return listen(factory, NotificationOverflow.defaults(), channels);
    }

    /**
     * Listens on {@code channels} (names are quoted: case-sensitive, any characters) over a
     * connection of {@code factory} that is re-established whenever it is lost.
     */
    public static Flux<PgListenSignal> listen(PgConnectionFactory factory, NotificationOverflow overflow,
            String... channels) {
        if (factory == null || overflow == null) {
            throw new IllegalArgumentException("factory and overflow must not be null");
        }
        Set<String> set = PgNotifications.validChannels(channels);
        Flux<PgListenSignal> reconnecting = Flux.defer(() -> {
            AtomicReference<@Nullable Lost> lost = new AtomicReference<>();
            Flux<PgListenSignal> session = Flux.usingWhen(factory.create(), connection -> {
                Lost gap = lost.getAndSet(null);
                return connection.notifications().signals(set, gap == null ? null : gap.cause(),
                        gap == null ? Instant.EPOCH : gap.at());
            }, PgConnection::close, (connection, error) -> connection.close().onErrorResume(e -> Mono.empty()),
                    PgConnection::close);
            return session.retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_BACKOFF).maxBackoff(MAX_BACKOFF)
                    .transientErrors(true)
                    .filter(e -> e instanceof PgNotifications.ConnectionLost || lost.get() != null)
                    .doBeforeRetry(signal -> lost.compareAndSet(null, new Lost(signal.failure(), Instant.now()))));
        });
        return overflow.apply(reconnecting.publish().refCount(1));
    }
}
