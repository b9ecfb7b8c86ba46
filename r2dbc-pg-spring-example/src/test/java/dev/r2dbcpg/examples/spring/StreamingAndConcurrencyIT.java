package dev.r2dbcpg.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** NDJSON streaming of many rows under backpressure, early cancellation, and concurrent requests. */
class StreamingAndConcurrencyIT extends ApplicationTestBase {

    private static final int ROWS = 30_000;

    @Test
    void streamsTensOfThousandsOfRowsAsNdjsonUnderBackpressure() {
        Flux<NumberRow> body = client.get().uri("/numbers?count={n}", ROWS)
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(NumberRow.class)
                .getResponseBody();

        // The client asks for a few rows at a time; every row arrives, in order, with the server's hash.
        StepVerifier.create(body.limitRate(64), 0)
                .thenRequest(1)
                .expectNext(new NumberRow(1, md5("1")))
                .thenRequest(ROWS)
                .expectNextCount(ROWS - 2)
                .expectNext(new NumberRow(ROWS, md5(String.valueOf(ROWS))))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void cancelledStreamsGiveTheirConnectionsBack() {
        WebClient web = WebClient.create("http://localhost:" + port);
        // More early cancellations than the pool has connections: each must end its query and release
        // its connection, or the last ones (and the request after them) would wait for a free one.
        for (int i = 0; i < EmbeddedServerProperties.POOL_SIZE + 2; i++) {
            StepVerifier.create(web.get().uri("/numbers?count={n}", 1_000_000)
                            .accept(MediaType.APPLICATION_NDJSON)
                            .retrieve()
                            .bodyToFlux(NumberRow.class)
                            .take(100))
                    .expectNextCount(100)
                    .expectComplete()
                    .verify(TIMEOUT);
        }
        Product created = create("after", Category.TOOL, "1");
        assertThat(created.getId()).isPositive();
        client.get().uri("/numbers?count=3").accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk()
                .expectBodyList(NumberRow.class).hasSize(3);
    }

    @Test
    void fiftyConcurrentRequests() throws Exception {
        int requests = 50;
        // WebTestClient's exchange() waits for its answer, so each request gets a thread of its own;
        // the barrier sends them all at once, five times more than the pool has connections.
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            CyclicBarrier start = new CyclicBarrier(requests);
            List<Callable<Product>> posts = IntStream.range(0, requests)
                    .mapToObj(i -> (Callable<Product>) () -> {
                        start.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                        return create("p" + i, Category.values()[i % 3], String.valueOf(i), "t" + i);
                    })
                    .toList();
            List<Long> ids = new ArrayList<>();
            for (Future<Product> f : threads.invokeAll(posts, TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                ids.add(f.get().getId());
            }
            assertThat(ids).hasSize(requests).doesNotHaveDuplicates();

            CyclicBarrier again = new CyclicBarrier(requests);
            List<Callable<Product>> gets = ids.stream()
                    .map(id -> (Callable<Product>) () -> {
                        again.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                        return client.get().uri("/products/{id}", id).exchange()
                                .expectStatus().isOk()
                                .expectBody(Product.class).returnResult().getResponseBody();
                    })
                    .toList();
            Set<String> names = new HashSet<>();
            for (Future<Product> f : threads.invokeAll(gets, TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                names.add(f.get().getName());
            }
            assertThat(names).hasSize(requests).allMatch(n -> n.matches("p\\d+"));
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        client.get().uri("/products/count?category=BOOK").exchange().expectBody(Long.class).isEqualTo(17L);
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
