package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@ExtendWith(PostgresExtension.class)
class NotificationsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static PgConnectionFactory factory;
    private static PgConnection listener;
    private static PgConnection sender;

    @BeforeAll
    static void connect(PostgresServer server) {
        factory = (PgConnectionFactory) ConnectionFactories.get(server.r2dbcUrl());
        listener = factory.create().block(TIMEOUT);
        sender = factory.create().block(TIMEOUT);
    }

    @AfterAll
    static void close() {
        listener.close().block(TIMEOUT);
        sender.close().block(TIMEOUT);
    }

    private static String channel() {
        return "Chan_" + UUID.randomUUID().toString().replace('-', '_');
    }

    private static Mono<Void> query(PgConnection connection, String sql) {
        return connection.createStatement(sql).execute().concatMap(PgResult::getRowsUpdated).then();
    }

    private static Mono<List<String>> listening(PgConnection connection) {
        return connection.createStatement("SELECT pg_listening_channels()").execute()
                .concatMap(r -> r.map((row, m) -> row.get(0, String.class))).collectList();
    }

    @Test
    void notificationsSentDuringALongSelectArriveAfterItInOrder() {
        String channel = channel();
        List<String> events = new CopyOnWriteArrayList<>();
        Disposable subscription = listener.listen(channel).subscribe(n -> events.add(n.payload()));
        Mono<Void> longSelect = listener.createStatement("SELECT pg_sleep(0.5)::text AS slept").execute()
                .concatMap(r -> r.map((row, m) -> events.add("select row"))).then();
        Mono<Void> sendDuring = Mono.delay(Duration.ofMillis(100))
                .then(Flux.range(1, 5).concatMap(i -> sender.notify(channel, "n" + i)).then());
        try {
            // LISTEN is queued before the long SELECT, so it is active when the notifications are sent.
            Mono.when(longSelect, sendDuring).block(TIMEOUT);
            Flux.interval(Duration.ofMillis(10)).takeUntil(t -> events.size() >= 6).blockLast(TIMEOUT);
            // The server holds notifications back while a query runs and sends them right after its results.
            assertThat(events).containsExactly("select row", "n1", "n2", "n3", "n4", "n5");
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void aBurstOfTenThousandIsDeliveredCompletelyUnderTheBufferingPolicy() {
        String channel = channel();
        Flux<PgNotification> notifications = listener.listen(channel);
        notifications.take(10_000).map(PgNotification::payload)
                .limitRate(16)
                .as(StepVerifier::create)
                .then(() -> query(listener, "SELECT 1").then(Mono.defer(() -> sender.createStatement(
                        "SELECT pg_notify($1, g::text) FROM generate_series(1, 10000) g").bind(0, channel).execute()
                        .concatMap(PgResult::getRowsUpdated).then())).subscribe())
                .expectNextSequence(IntStream.rangeClosed(1, 10_000).mapToObj(String::valueOf).toList())
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aSubscriberBeyondItsBufferFailsInsteadOfLosingNotifications() {
        String channel = channel();
        StepVerifier.create(listener.listen(NotificationOverflow.bufferThenError(10), channel), 1)
                .then(() -> query(listener, "SELECT 1").then(Mono.defer(() -> sender.createStatement(
                        "SELECT pg_notify($1, g::text) FROM generate_series(1, 100) g").bind(0, channel).execute()
                        .concatMap(PgResult::getRowsUpdated).then())).subscribe())
                .expectNextCount(1)
                .thenAwait(Duration.ofMillis(500))
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(n -> true)
                .expectError(R2dbcNonTransientResourceException.class)
                .verify(TIMEOUT);
    }

    @Test
    void keepLatestDeliversTheMostRecentNotificationToASlowSubscriber() {
        String channel = channel();
        StepVerifier.create(listener.listen(NotificationOverflow.keepLatest(), channel).map(PgNotification::payload), 0)
                .then(() -> query(listener, "SELECT 1").then(Mono.defer(() -> sender.createStatement(
                        "SELECT pg_notify($1, g::text) FROM generate_series(1, 100) g").bind(0, channel).execute()
                        .concatMap(PgResult::getRowsUpdated).then())).subscribe())
                .thenAwait(Duration.ofMillis(500))
                .thenRequest(1)
                .expectNext("100")
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void theLastCancelSendsUnlisten() {
        String channel = channel();
        Flux<PgNotification> shared = listener.listen(channel);
        Disposable first = shared.subscribe();
        Disposable second = shared.subscribe();
        Disposable other = listener.listen(channel).subscribe();
        assertThat(listening(listener).block(TIMEOUT)).contains(channel);
        first.dispose();
        second.dispose();
        assertThat(listening(listener).block(TIMEOUT)).contains(channel);
        other.dispose();
        assertThat(listening(listener).block(TIMEOUT)).doesNotContain(channel);
    }

    @Test
    void aQuotedChannelMatchesNotificationsForTheNameInsideTheQuotes() {
        String channel = "it's; DROP TABLE x; --";
        assertThatThrownBy(() -> listener.listen(channel)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a valid channel name");
        listener.listen("\"it's; DROP TABLE x; --\"").next()
                .as(StepVerifier::create)
                .then(() -> query(listener, "SELECT 1").then(sender.notify(channel, "payload ' \" ;")).subscribe())
                .expectNext(new PgNotification(channel, "payload ' \" ;", sender.processId()))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void terminationListenerLearnsThatTheServerClosedTheConnection() {
        PgConnection victim = factory.create().block(TIMEOUT);
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        victim.onTermination(causes::add);
        query(sender, "SELECT pg_terminate_backend(" + victim.processId() + ")").block(TIMEOUT);
        Flux.interval(Duration.ofMillis(10)).takeUntil(t -> !causes.isEmpty()).blockLast(TIMEOUT);
        assertThat(causes).hasSize(1);
        assertThat(causes.get(0).getMessage()).contains("terminat");
    }

    @Test
    void survivingListenerReconnectsAfterTerminateBackendAndReportsTheGap() {
        String channel = channel();
        Flux<PgListenSignal> signals = PgListener.listen(factory, channel);
        // A ticker keeps notifying, so that the test sees notifications before and after the loss.
        Disposable ticker = Flux.interval(Duration.ofMillis(50)).onBackpressureDrop()
                .concatMap(t -> sender.notify(channel, "tick")).subscribe();
        Mono<Void> terminateListener = query(sender, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE query LIKE 'LISTEN %' AND query LIKE " + CopyOptions.literal("%" + channel.replace("\"", "\"\"") + "%"));
        try {
            signals.as(StepVerifier::create)
                    .expectNextMatches(s -> s instanceof PgNotification)
                    .then(() -> terminateListener.subscribe())
                    .thenConsumeWhile(s -> s instanceof PgNotification)
                    .assertNext(s -> assertThat(s).isInstanceOfSatisfying(PgListenGap.class,
                            gap -> assertThat(gap.resumedAt()).isAfterOrEqualTo(gap.lostAt())))
                    .expectNextMatches(s -> s instanceof PgNotification n && n.payload().equals("tick"))
                    .thenCancel()
                    .verify(TIMEOUT);
        } finally {
            ticker.dispose();
        }
    }

    @Test
    void queryLoggerSeesSqlParameterCountRowsAndErrors() {
        List<PgQueryEvent> events = new CopyOnWriteArrayList<>();
        Disposable registration = listener.addQueryLogger(events::add, false);
        try {
            listener.createStatement("SELECT $1::int + g FROM generate_series(1, 3) g").bind(0, 1).execute()
                    .concatMap(r -> r.map((row, m) -> 1)).then().block(TIMEOUT);
            query(listener, "SELECT 1/0").onErrorResume(e -> Mono.empty()).block(TIMEOUT);
        } finally {
            registration.dispose();
        }
        assertThat(events).hasSize(2);
        assertThat(events.get(0).parameterCount()).isEqualTo(1);
        assertThat(events.get(0).parameters()).isEmpty();
        assertThat(events.get(0).rows()).isEqualTo(3);
        assertThat(events.get(0).error()).isNull();
        assertThat(events.get(1).sql()).isEqualTo("SELECT 1/0");
        assertThat(events.get(1).error()).hasMessageContaining("division by zero");
    }
}
