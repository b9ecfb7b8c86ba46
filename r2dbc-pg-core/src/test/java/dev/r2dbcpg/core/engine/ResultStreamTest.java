package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.PgResult;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Result;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The result stream's own rules, driven by hand as the event loop would drive it (no connection needed). */
class ResultStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();

    private ResultStream stream(boolean singleResult, java.util.function.Consumer<ResultStream> start) {
        ResultStream stream = new ResultStream(singleResult, start);
        stream.upstream(new ResultStream.Upstream() {
            @Override
            public void requestMore() {
                resumes.incrementAndGet();
            }

            @Override
            public void cancel() {
                cancels.incrementAndGet();
            }
        });
        return stream;
    }

    private static void count(ResultStream s, long value) {
        s.emit(new Segments.UpdateCount(value));
        s.emit(Segments.END_OF_RESULT);
    }

    @Test
    void resultsCanBeCollectedFirstAndReadLaterInAnyOrder() {
        ResultStream s = stream(false, st -> {
            count(st, 1);
            count(st, 2);
            st.emit(Segments.END_OF_RESULT); // an empty result (empty query)
            st.complete();
        });
        List<PgResult> results = Flux.from(s).collectList().block(WAIT);
        assertThat(results).hasSize(3);
        StepVerifier.create(results.get(1).getRowsUpdated()).expectNext(2L).verifyComplete();
        StepVerifier.create(results.get(0).getRowsUpdated()).expectNext(1L).verifyComplete();
        StepVerifier.create(results.get(2).getRowsUpdated()).verifyComplete();
        assertThat(cancels).hasValue(0);
    }

    @Test
    void aResultIsReadOnceAndTheResultsAreSubscribedOnce() {
        ResultStream s = stream(true, st -> {
            count(st, 5);
            st.complete();
        });
        PgResult result = Mono.from(s).block(WAIT);
        StepVerifier.create(result.getRowsUpdated()).expectNext(5L).verifyComplete();
        StepVerifier.create(result.getRowsUpdated()).expectError(IllegalStateException.class).verify(WAIT);
        StepVerifier.create(s).expectError(IllegalStateException.class).verify(WAIT);
    }

    @Test
    void monoFromTheResultsDoesNotCancelTheRequest() {
        ResultStream[] holder = new ResultStream[1];
        ResultStream s = stream(true, st -> holder[0] = st);
        Mono<PgResult> first = Mono.from(s);
        StepVerifier.create(first.flatMap(r -> r.getRowsUpdated()))
                .then(() -> count(holder[0], 3))
                .then(() -> holder[0].complete())
                .expectNext(3L)
                .verifyComplete();
        assertThat(cancels).hasValue(0);
    }

    @Test
    void cancellingTheOnlyResultCancelsTheRequestOnceAndDropsWhatFollows() {
        ResultStream[] holder = new ResultStream[1];
        ResultStream s = stream(true, st -> holder[0] = st);
        StepVerifier.create(Flux.from(s).flatMap(r -> r.getRowsUpdated()), 0)
                .then(() -> holder[0].emit(new Segments.UpdateCount(1)))
                .thenCancel()
                .verify(WAIT);
        assertThat(cancels).hasValue(1);
        assertThat(holder[0].isCancelled()).isTrue();
        holder[0].emit(new Segments.UpdateCount(2));
        holder[0].emit(Segments.END_OF_RESULT);
        holder[0].complete();
        assertThat(cancels).hasValue(1);
    }

    @Test
    void cancellingBeforeAnyResultCancelsTheRequest() {
        ResultStream s = stream(true, st -> { });
        StepVerifier.create(s).thenCancel().verify(WAIT);
        assertThat(cancels).hasValue(1);
    }

    @Test
    void aFailureEndsTheOpenResultAndTheResults() {
        ResultStream[] holder = new ResultStream[1];
        ResultStream s = stream(false, st -> holder[0] = st);
        IllegalStateException lost = new IllegalStateException("connection lost");
        StepVerifier.create(Flux.from(s).concatMap(r -> r.getRowsUpdated()))
                .then(() -> holder[0].emit(new Segments.UpdateCount(1)))
                .then(() -> holder[0].fail(lost))
                .expectErrorMatches(e -> e == lost)
                .verify(WAIT);
    }

    @Test
    void readingPausesAtTheHighWaterMarkAndResumesBelowTheLowOne() {
        ResultStream s = stream(true, st -> {
            for (int i = 0; i < ResultStream.HIGH_WATER; i++) {
                st.emit(new Segments.UpdateCount(i));
            }
            assertThat(st.hasDemand()).isFalse();
        });
        PgResult result = Mono.from(s).block(WAIT);
        int drainedToResume = ResultStream.HIGH_WATER - ResultStream.LOW_WATER + 1;
        StepVerifier.create(SpiObjects.get().segments(result), 0)
                .thenRequest(10)
                .expectNextCount(10)
                .then(() -> assertThat(resumes).hasValue(0))
                .thenRequest(drainedToResume - 10)
                .expectNextCount(drainedToResume - 10)
                .then(() -> {
                    assertThat(resumes).hasValue(1);
                    assertThat(s.hasDemand()).isTrue();
                    s.emit(Segments.END_OF_RESULT);
                    s.complete();
                })
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(ResultStream.HIGH_WATER - drainedToResume)
                .verifyComplete();
        assertThat(cancels).hasValue(0);
    }

    @Test
    void segmentsGoStraightThroughWhenTheReaderHasDemand() {
        ResultStream[] holder = new ResultStream[1];
        ResultStream s = stream(true, st -> holder[0] = st);
        List<Result.Segment> seen = new java.util.ArrayList<>();
        Flux.from(s).flatMap(r -> r.flatMap(Mono::just)).subscribe(seen::add);
        holder[0].emit(new Segments.UpdateCount(1));
        assertThat(seen).hasSize(1);
        holder[0].emit(new Segments.UpdateCount(2));
        holder[0].emit(Segments.END_OF_RESULT);
        holder[0].complete();
        assertThat(seen).hasSize(2);
    }
}
