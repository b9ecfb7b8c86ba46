package dev.r2dbcpg.client;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgQueryEvent;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link ConnectionRunner} for tests that logs every query of its connections (SQL, bound values and
 * errors: what the driver's query log would show) and, before closing a connection, runs a probe on it
 * while the helper's last statement is still that session's {@code pg_stat_activity.query}.
 */
final class RecordingConnections implements ConnectionRunner {

    final List<PgQueryEvent> events = new CopyOnWriteArrayList<>();
    private final ConnectionFactory factory;
    private final Function<Integer, Mono<Void>> beforeClose;

    /** @param beforeClose given the backend pid of the connection about to be closed */
    RecordingConnections(ConnectionFactory factory, Function<Integer, Mono<Void>> beforeClose) {
        this.factory = factory;
        this.beforeClose = beforeClose;
    }

    @Override
    public <T> Flux<T> withConnection(Function<? super Connection, ? extends Publisher<T>> work) {
        return Flux.usingWhen(Mono.from(factory.create()), c -> {
            PgConnection pg = (PgConnection) c;
            pg.addQueryLogger(events::add, true);
            return Flux.from(work.apply(c)).concatWith(Mono.defer(() -> beforeClose.apply(pg.processId())).then(Mono.empty()));
        }, Connection::close, (c, e) -> Mono.from(beforeClose.apply(((PgConnection) c).processId()))
                .onErrorResume(x -> Mono.empty()).then(Mono.from(c.close())), Connection::close);
    }

    /** Everything the query log saw, as one text. */
    String logged() {
        StringBuilder all = new StringBuilder();
        for (PgQueryEvent e : events) {
            all.append(e).append('\n').append(e.sql()).append('\n');
            if (e.error() != null) {
                all.append(e.error()).append('\n');
            }
        }
        return all.toString();
    }
}
