package dev.r2dbcpg.client;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Where the helpers get their connections: one connection for the whole of {@code work}, in auto-commit
 * mode, released (closed or given back to its pool) when the work ends, fails or is cancelled.
 *
 * <p>{@code PgDatabase} implements it; {@link #of} adapts a plain {@link ConnectionFactory}.
 */
interface ConnectionRunner {

    /** Runs {@code work} on one connection and releases the connection after it. */
    <T> Flux<T> withConnection(Function<? super Connection, ? extends Publisher<T>> work);

    /** A new connection from {@code factory} per call, closed after it. */
    static ConnectionRunner of(ConnectionFactory factory) {
        return new ConnectionRunner() {
            @Override
            public <T> Flux<T> withConnection(Function<? super Connection, ? extends Publisher<T>> work) {
                return Flux.usingWhen(factory.create(), work, Connection::close, (c, e) -> c.close(), Connection::close);
            }
        };
    }
}
