package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.PgResult;
import io.r2dbc.spi.Result;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;

/**
 * The results of one request as one publisher: the event loop pushes segments and end-of-result markers in; the
 * subscriber gets a {@link PgResult} per statement and reads each result's segments through it. One drain loop
 * serves both levels. A segment goes straight to the result's subscriber when it has demand and nothing waits
 * before it; only the rest is queued, in a queue per result (so results can be consumed in any order, or later).
 *
 * <p>Backpressure: the connection keeps reading while fewer than {@link #HIGH_WATER} segments wait here in all
 * (see {@link #hasDemand()}); once it paused, draining below {@link #LOW_WATER} asks it to read again.
 *
 * <p>Cancellation: once nothing can consume what is coming (the subscriber cancelled and every result it received
 * is finished or cancelled; or, for a single-statement request, its one result was cancelled), {@link
 * Upstream#cancel()} runs once and arriving segments are released at once. A result already handed out stays
 * consumable after the subscriber cancelled ({@code Mono.from(statement.execute())} does that).
 *
 * <p>Threading: {@link #emit}, {@link #complete}, {@link #fail} and {@link #hasDemand} are called on the event loop
 * only; subscription, request and cancel may come from any thread.
 */
public final class ResultStream extends Flux<PgResult> implements Subscription {

    /** What the stream needs from the request that feeds it. */
    interface Upstream {

        /** The consumer drained what was buffered: read again. Any thread. */
        void requestMore();

        /** Nobody will consume what is coming: stop the request, drain and drop the rest. Any thread, once. */
        void cancel();
    }

    static final int HIGH_WATER = 256;
    static final int LOW_WATER = 64;

    private static final AtomicIntegerFieldUpdater<ResultStream> WIP =
            AtomicIntegerFieldUpdater.newUpdater(ResultStream.class, "wip");
    private static final AtomicIntegerFieldUpdater<ResultStream> BUFFERED =
            AtomicIntegerFieldUpdater.newUpdater(ResultStream.class, "buffered");
    private static final AtomicLongFieldUpdater<ResultStream> REQUESTED =
            AtomicLongFieldUpdater.newUpdater(ResultStream.class, "requested");
    private static final AtomicIntegerFieldUpdater<ResultStream> UPSTREAM_CANCELLED =
            AtomicIntegerFieldUpdater.newUpdater(ResultStream.class, "upstreamCancelled");

    private final boolean singleResult;
    private final Consumer<ResultStream> start;
    private volatile @Nullable Upstream upstream;
    private QueryLogging.@Nullable Observation observation;

    private volatile int wip;
    private volatile int buffered;
    private volatile long requested;
    private volatile int upstreamCancelled;
    private volatile boolean cancelled;
    private volatile boolean paused;
    private volatile boolean done;
    private volatile @Nullable Throwable failure;
    private boolean subscribed;

    // Producer (event loop) only.
    private @Nullable ResultSegments producing;
    private @Nullable ResultSegments tail;
    /** The first result; later ones hang off {@link ResultSegments#nextResult}. */
    private volatile @Nullable ResultSegments first;

    // Drain loop only.
    private @Nullable CoreSubscriber<? super PgResult> actual;
    private boolean terminated;
    private long emittedResults;
    private @Nullable ResultSegments lastEmitted;
    private @Nullable ResultSegments oldestActive;

    /**
     * @param singleResult whether the request yields exactly one result (extended protocol): cancelling it then
     *     cancels the request even while the subscriber still waits for more results
     * @param start queues the request; runs on subscription, after {@code onSubscribe}, and may fail by throwing
     */
    ResultStream(boolean singleResult, Consumer<ResultStream> start) {
        this.singleResult = singleResult;
        this.start = start;
    }

    /** Connects the request that feeds the stream. */
    void upstream(Upstream upstream) {
        this.upstream = upstream;
    }

    /** Lets the query loggers see the messages and the end; set from {@code start}, before the first message. */
    void observe(QueryLogging.@Nullable Observation observation) {
        this.observation = observation;
    }

    // ---- producer side (event loop) -------------------------------------------------------------------------

    /** A segment of the current result, or {@link Segments#END_OF_RESULT}. */
    void emit(Object item) {
        QueryLogging.Observation o = observation;
        if (o != null) {
            o.onMessage(item);
            if (singleResult && (item == Segments.END_OF_RESULT || item instanceof Segments.Message m && m.error())) {
                // The statement ended: report it before its reader can see the end (and move on).
                o.finish(null, upstreamCancelled != 0);
            }
        }
        if (upstreamCancelled != 0) {
            Segments.release(item);
            return;
        }
        ResultSegments result = producing;
        if (result == null) {
            result = new ResultSegments(this);
            ResultSegments last = tail;
            tail = result;
            if (last == null) {
                first = result;
            } else {
                last.nextResult = result;
            }
            producing = result;
        }
        if (item == Segments.END_OF_RESULT) {
            producing = null;
            result.ended = true;
            drain();
            return;
        }
        Result.Segment segment = (Result.Segment) item;
        if (result.cancelled) {
            Segments.release(segment);
            return;
        }
        if (wip == 0 && WIP.compareAndSet(this, 0, 1)) {
            if (!result.emitted) {
                // Hand the result out first: its reader usually subscribes and requests at once, and then the
                // segment needs no queue.
                drainOnce();
            }
            if (result.tryDeliver(segment)) {
                int missed = WIP.decrementAndGet(this);
                if (missed != 0) {
                    drainLoop(missed);
                }
                return;
            }
            result.enqueue(segment);
            drainLoop(1);
            return;
        }
        result.enqueue(segment);
        drain();
    }

    /** The request ended normally. */
    void complete() {
        QueryLogging.Observation o = observation;
        if (o != null) {
            o.finish(null, upstreamCancelled != 0);
        }
        done = true;
        drain();
    }

    /** The request failed (connection lost, bad parameters, protocol violation). */
    void fail(Throwable error) {
        QueryLogging.Observation o = observation;
        if (o != null) {
            o.finish(error, upstreamCancelled != 0);
        }
        failure = error;
        done = true;
        drain();
    }

    /** Whether the connection should keep reading for this request. */
    boolean hasDemand() {
        if (buffered < HIGH_WATER || upstreamCancelled != 0) {
            return true;
        }
        paused = true;
        // Re-check: the consumer may have drained between the check and raising the flag.
        return buffered < HIGH_WATER;
    }

    /** Whether nobody will consume this request's results any more. */
    boolean isCancelled() {
        return upstreamCancelled != 0;
    }

    // ---- the subscriber of the results ----------------------------------------------------------------------

    @Override
    public void subscribe(CoreSubscriber<? super PgResult> subscriber) {
        synchronized (this) {
            if (subscribed) {
                Operators.error(subscriber, new IllegalStateException("The results of an execution can be "
                        + "subscribed to once: call execute() again to run the statement again"));
                return;
            }
            subscribed = true;
        }
        subscriber.onSubscribe(this);
        // Published to the drain loop by the WIP increments that follow.
        actual = subscriber;
        try {
            start.accept(this);
        } catch (RuntimeException e) {
            fail(e);
        }
        drain();
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            Operators.addCap(REQUESTED, this, n);
            drain();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        drain();
    }

    // ---- the drain loop -----------------------------------------------------------------------------------

    private void drain() {
        if (WIP.getAndIncrement(this) == 0) {
            drainLoop(1);
        }
    }

    private void drainLoop(int entered) {
        int missed = entered;
        for (;;) {
            drainOnce();
            missed = WIP.addAndGet(this, -missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void drainOnce() {
        CoreSubscriber<? super PgResult> outer = actual;
        if (outer == null) {
            return;
        }
        boolean isDone = done;
        boolean outerCancelled = cancelled;
        while (!outerCancelled && !terminated && emittedResults != requested) {
            ResultSegments next = lastEmitted == null ? first : lastEmitted.nextResult;
            if (next == null) {
                break;
            }
            next.emitted = true;
            lastEmitted = next;
            emittedResults++;
            if (oldestActive == null) {
                oldestActive = next;
            }
            outer.onNext(SpiObjects.get().result(next));
            outerCancelled = cancelled;
        }
        boolean consumable = false;
        boolean cancelledEarly = false;
        for (ResultSegments r = oldestActive; r != null; r = r == lastEmitted ? null : r.nextResult) {
            cancelledEarly |= r.cancelled && !r.ended;
            r.serve(isDone);
            consumable |= !r.finished && !r.cancelled;
        }
        while (oldestActive != null && oldestActive.finished) {
            oldestActive = oldestActive == lastEmitted ? null : oldestActive.nextResult;
        }
        ResultSegments unemitted = lastEmitted == null ? first : lastEmitted.nextResult;
        if (outerCancelled) {
            for (ResultSegments r = unemitted; r != null; r = r.nextResult) {
                r.clear();
            }
        }
        // Only on evidence that something will go unread: a result dropped before its end, results nobody will
        // receive, or no result received at all. (A result read to its end while ReadyForQuery is still on its way
        // is no such evidence: Mono.from(execute()) cancels as soon as it has the result.)
        if (!isDone && !consumable
                && ((singleResult || outerCancelled) && cancelledEarly
                        || outerCancelled && (unemitted != null || lastEmitted == null))) {
            cancelUpstream();
        }
        if (!terminated && (outerCancelled || isDone && unemitted == null)) {
            terminated = true;
            Throwable error = failure;
            if (outerCancelled) {
                return;
            }
            if (error != null) {
                outer.onError(error);
            } else {
                outer.onComplete();
            }
        }
    }

    private void consumed(int count) {
        if (BUFFERED.addAndGet(this, -count) < LOW_WATER && paused) {
            paused = false;
            Upstream u = upstream;
            if (u != null) {
                u.requestMore();
            }
        }
    }

    private void cancelUpstream() {
        if (UPSTREAM_CANCELLED.compareAndSet(this, 0, 1)) {
            Upstream u = upstream;
            if (u != null) {
                u.cancel();
            }
        }
    }

    /** The segments of one result: a publisher its {@link PgResult} reads once. */
    static final class ResultSegments extends Flux<Result.Segment> implements Subscription {

        private static final AtomicLongFieldUpdater<ResultSegments> SEGMENTS_REQUESTED =
                AtomicLongFieldUpdater.newUpdater(ResultSegments.class, "requested");

        private final ResultStream stream;
        volatile @Nullable ResultSegments nextResult;
        /** Set by the producer after the result's last segment was queued or delivered. */
        volatile boolean ended;
        /** Handed to the subscriber of the results (drain loop). */
        boolean emitted;
        private volatile @Nullable Queue<Result.Segment> queue;
        private volatile @Nullable CoreSubscriber<? super Result.Segment> subscriber;
        private volatile long requested;
        private volatile boolean cancelled;
        private long delivered;
        /** Nothing more will be delivered: ended for its subscriber, or cancelled and ended (drain loop). */
        private boolean finished;

        ResultSegments(ResultStream stream) {
            this.stream = stream;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Result.Segment> s) {
            synchronized (this) {
                if (subscriber != null) {
                    Operators.error(s, new IllegalStateException("A result can be consumed once"));
                    return;
                }
                subscriber = s;
            }
            s.onSubscribe(this);
            stream.drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                Operators.addCap(SEGMENTS_REQUESTED, this, n);
                stream.drain();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            stream.drain();
        }

        /** Producer, holding the drain loop, nothing queued before: hands {@code segment} on if there is demand. */
        boolean tryDeliver(Result.Segment segment) {
            CoreSubscriber<? super Result.Segment> s = subscriber;
            Queue<Result.Segment> q = queue;
            if (!emitted || s == null || finished || requested == delivered || q != null && !q.isEmpty()) {
                return false;
            }
            delivered++;
            s.onNext(segment);
            return true;
        }

        /** Producer only. */
        void enqueue(Result.Segment segment) {
            Queue<Result.Segment> q = queue;
            if (q == null) {
                q = Queues.<Result.Segment>unbounded(Queues.XS_BUFFER_SIZE).get();
                queue = q;
            }
            q.offer(segment);
            BUFFERED.incrementAndGet(stream);
        }

        /** Drain loop: delivers what is queued as far as demand goes; ends the subscriber once the result ended. */
        void serve(boolean streamDone) {
            if (finished) {
                return;
            }
            if (cancelled) {
                clear();
                if (ended || streamDone) {
                    finished = true;
                }
                return;
            }
            CoreSubscriber<? super Result.Segment> s = subscriber;
            if (s == null) {
                return;
            }
            Queue<Result.Segment> q = queue;
            int taken = 0;
            try {
                for (;;) {
                    boolean end = ended;
                    Result.Segment segment = q == null ? null : q.peek();
                    if (segment == null) {
                        if (end || streamDone) {
                            finished = true;
                            Throwable error = end ? null : stream.failure;
                            if (error != null) {
                                s.onError(error);
                            } else {
                                s.onComplete();
                            }
                        }
                        return;
                    }
                    if (requested == delivered || cancelled) {
                        return;
                    }
                    q.poll();
                    taken++;
                    delivered++;
                    s.onNext(segment);
                }
            } finally {
                if (taken > 0) {
                    stream.consumed(taken);
                }
            }
        }

        /** Releases what is queued (the result was cancelled, or will never be handed out). */
        void clear() {
            Queue<Result.Segment> q = queue;
            if (q == null) {
                return;
            }
            int count = 0;
            for (Result.Segment segment = q.poll(); segment != null; segment = q.poll()) {
                Segments.release(segment);
                count++;
            }
            if (count > 0) {
                stream.consumed(count);
            }
        }

    }
}
