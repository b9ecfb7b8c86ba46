package dev.r2dbcpg.core;

import dev.r2dbcpg.core.client.PgClient;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * LISTEN/NOTIFY on one connection. Counts the subscriptions per channel, so that the last one to go
 * sends UNLISTEN; LISTEN and UNLISTEN are queued under one lock, so they reach the server in the
 * order the counts changed. Notifications come from the connection's NotificationResponse listener,
 * on the event loop, in the order the server sent them, whatever queries run meanwhile.
 */
final class PgNotifications {

    private final Supplier<PgConnection> connection;
    private final Map<String, Integer> listening = new HashMap<>();

    PgNotifications(Supplier<PgConnection> connection) {
        this.connection = connection;
    }

    /** See {@link PgConnection#listen(NotificationOverflow, String...)}. */
    Flux<PgNotification> listen(NotificationOverflow overflow, String... channels) {
        Set<String> set = channels(channels);
        return overflow.apply(signals(set, null, Instant.EPOCH).cast(PgNotification.class).publish().refCount(1));
    }

    /**
     * A cold Flux: at subscription registers for notifications and sends LISTEN; emits {@code gap}
     * (if given) once LISTEN took effect; fails with {@link ConnectionLost} when the connection ends;
     * on cancel or failure unregisters and, for channels nobody listens to any more, sends UNLISTEN.
     */
    Flux<PgListenSignal> signals(Set<String> channels, @Nullable Throwable gapCause, Instant lostAt) {
        return Flux.create(sink -> {
            PgClient client = connection.get().client();
            Disposable notifications = client.onNotification(n -> {
                if (channels.contains(n.channel())) {
                    sink.next(new PgNotification(n.channel(), n.payload(), n.processId()));
                }
            });
            Disposable termination = client.onTermination(cause -> sink.error(new ConnectionLost(cause)));
            sink.onDispose(() -> {
                notifications.dispose();
                termination.dispose();
                release(channels);
            });
            acquire(channels).subscribe(null, sink::error, () -> {
                if (gapCause != null) {
                    sink.next(new PgListenGap(gapCause, lostAt, Instant.now()));
                }
            });
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** {@code SELECT pg_notify($1, $2)}: both values are bound parameters, so any channel name works. */
    Mono<Void> notify(String channel, String payload) {
        if (channel == null || channel.isEmpty() || payload == null) {
            throw new IllegalArgumentException("channel must not be null or empty, payload must not be null");
        }
        return Mono.defer(() -> connection.get().createStatement("SELECT pg_notify($1, $2)")
                .bind(0, channel).bind(1, payload).execute()
                .concatMap(result -> result.map((row, metadata) -> 1)).then());
    }

    private Mono<Void> acquire(Set<String> channels) {
        synchronized (listening) {
            StringBuilder sql = new StringBuilder();
            for (String channel : channels) {
                listening.merge(channel, 1, Integer::sum);
                // Always LISTEN: a LISTEN another subscription queued may still be in the pipeline, and
                // completion of ours must mean the channel is active. LISTEN twice is harmless.
                sql.append(sql.length() == 0 ? "" : "; ").append("LISTEN ").append(Identifiers.quote(channel));
            }
            // Queued now, under the lock; the caller observes the same execution through the cache.
            Mono<Void> queued = connection.get().run(sql.toString()).cache();
            queued.subscribe(null, e -> { });
            return queued;
        }
    }

    private void release(Set<String> channels) {
        synchronized (listening) {
            List<String> unlisten = new ArrayList<>();
            for (String channel : channels) {
                Integer left = listening.computeIfPresent(channel, (c, n) -> n == 1 ? null : n - 1);
                if (left == null) {
                    unlisten.add("UNLISTEN " + Identifiers.quote(channel));
                }
            }
            PgConnection c = connection.get();
            if (!unlisten.isEmpty() && c.client().isConnected()) {
                c.run(String.join("; ", unlisten)).subscribe(null, e -> { });
            }
        }
    }

    private static Set<String> channels(String... channels) {
        if (channels == null || channels.length == 0) {
            throw new IllegalArgumentException("At least one channel is required");
        }
        Set<String> set = new LinkedHashSet<>();
        for (String channel : channels) {
            // The key is the channel as the server names it in NotificationResponse: "My-Chan" listens to My-Chan.
            set.add(Identifiers.unquoted(channel, "channel"));
        }
        return Set.copyOf(set);
    }

    static Set<String> validChannels(String... channels) {
        return channels(channels);
    }

    /** The listening connection ended; {@link PgListener} reconnects on this. */
    static final class ConnectionLost extends R2dbcNonTransientResourceException {

        ConnectionLost(Throwable cause) {
            super("Connection lost while listening: " + cause.getMessage(), cause);
        }
    }
}
