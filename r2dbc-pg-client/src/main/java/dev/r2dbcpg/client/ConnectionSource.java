package dev.r2dbcpg.client;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.pool.PgPool;
import io.r2dbc.spi.Closeable;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where {@link PgDatabase} gets its connections: a {@link PgPool} (through {@link PgPool#withConnection}, which
 * closes instead of reusing a connection whose user cancelled), or any R2DBC factory whose connections are, or
 * wrap, r2dbc-pg's {@link PgConnection}. Closes the factory on {@link #close()} only when it owns it.
 */
final class ConnectionSource {

    private final ConnectionFactory factory;
    private final boolean owned;

    ConnectionSource(ConnectionFactory factory, boolean owned) {
        this.factory = factory;
        this.owned = owned;
    }

    /** Runs {@code function} on a connection of its own and releases the connection on completion, error or cancel. */
    <T> Flux<T> with(Function<? super PgConnection, ? extends Publisher<T>> function) {
        if (factory instanceof PgPool pool) {
            return pool.withConnection(pooled -> function.apply(pooled.unwrap()));
        }
        return Flux.usingWhen(factory.create(), connection -> function.apply(unwrap(connection)), Connection::close,
                (connection, error) -> connection.close(), Connection::close);
    }

    /** The factory {@code PgListener} can reconnect with, or null when the connections come from elsewhere. */
    @Nullable PgConnectionFactory connectionFactory() {
        if (factory instanceof PgPool pool) {
            return pool.connectionFactory();
        }
        return factory instanceof PgConnectionFactory pg ? pg : null;
    }

    ConnectionFactory factory() {
        return factory;
    }

    Mono<Void> close() {
        if (owned && factory instanceof Closeable closeable) {
            return Mono.from(closeable.close());
        }
        return Mono.empty();
    }

    /** The r2dbc-pg connection behind {@code connection}, through any {@link Wrapped} layers (r2dbc-pool's). */
    static PgConnection unwrap(Connection connection) {
        Object current = connection;
        for (int depth = 0; depth < 8; depth++) {
            if (current instanceof PgConnection pg) {
                return pg;
            }
            if (!(current instanceof Wrapped<?> wrapped)) {
                break;
            }
            current = wrapped.unwrap();
        }
        throw new IllegalArgumentException("PgDatabase needs connections of r2dbc-pg (dev.r2dbcpg.core.PgConnection);"
                + " the factory gave a " + connection.getClass().getName());
    }
}
