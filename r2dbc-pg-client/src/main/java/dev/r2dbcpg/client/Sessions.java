package dev.r2dbcpg.client;

import dev.r2dbcpg.core.PgConnection;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Sessions and transactions of one {@link PgDatabase}, carried in the Reactor context under a key of that
 * database (two databases never see each other's sessions). The context holds the connection and how many
 * transactions are open on it: 0 in a plain session, 1 in a transaction, more in savepoints.
 */
final class Sessions {

    /** The session's connection and its transaction depth. */
    private record Bound(PgConnection connection, int depth) {
    }

    private final PgDatabase database;
    private final ConnectionSource source;
    /** The context key: this object, unique to its database. */
    private final Object key = new Object();

    Sessions(PgDatabase database, ConnectionSource source) {
        this.database = database;
        this.source = source;
    }

    <T> Flux<T> withConnection(Function<? super PgConnection, ? extends Publisher<T>> function) {
        return Flux.deferContextual(context -> {
            Bound bound = bound(context);
            return bound != null ? Flux.from(function.apply(bound.connection())) : source.with(function);
        });
    }

    <T> Flux<T> session(Function<? super PgDatabase, ? extends Publisher<T>> function) {
        return Flux.deferContextual(context -> {
            if (bound(context) != null) {
                return Flux.error(new IllegalStateException("session(fn) inside a session or transaction of the same "
                        + "PgDatabase: sessions do not nest; operations inside the outer one already use its connection"));
            }
            return source.with(connection -> run(function, new Bound(connection, 0)));
        });
    }

    Mono<Boolean> inSession() {
        return Mono.deferContextual(context -> Mono.just(bound(context) != null));
    }

    Mono<Boolean> inTransaction() {
        return Mono.deferContextual(context -> {
            Bound bound = bound(context);
            return Mono.just(bound != null && bound.depth() > 0);
        });
    }

    <T> Flux<T> transaction(TransactionOptions options, Function<? super PgDatabase, ? extends Publisher<T>> function) {
        return Flux.deferContextual(context -> {
            Bound bound = bound(context);
            if (bound == null) {
                return source.with(connection -> begin(connection, options, function));
            }
            if (bound.depth() == 0) {
                return begin(bound.connection(), options, function);
            }
            if (!options.isDefault()) {
                return Flux.error(new IllegalStateException("A nested transaction is a savepoint and takes no options ("
                        + options + "); set them on the outermost transaction"));
            }
            return savepoint(bound, function);
        });
    }

    private <T> Flux<T> begin(PgConnection connection, TransactionOptions options,
            Function<? super PgDatabase, ? extends Publisher<T>> function) {
        return Flux.usingWhen(connection.beginTransaction(options).thenReturn(connection),
                c -> run(function, new Bound(c, 1)),
                PgConnection::commitTransaction,
                (c, error) -> c.rollbackTransaction(),
                PgConnection::rollbackTransaction);
    }

    /** A savepoint per depth: names never collide, as savepoints of one transaction nest strictly. */
    private <T> Flux<T> savepoint(Bound outer, Function<? super PgDatabase, ? extends Publisher<T>> function) {
        String name = "r2dbcpg_savepoint_" + outer.depth();
        PgConnection connection = outer.connection();
        return Flux.usingWhen(connection.createSavepoint(name).thenReturn(connection),
                c -> run(function, new Bound(c, outer.depth() + 1)),
                c -> c.releaseSavepoint(name),
                (c, error) -> c.rollbackTransactionToSavepoint(name),
                c -> c.rollbackTransactionToSavepoint(name));
    }

    private <T> Flux<T> run(Function<? super PgDatabase, ? extends Publisher<T>> function, Bound bound) {
        return Flux.<T>defer(() -> function.apply(database)).contextWrite(context -> context.put(key, bound));
    }

    private @Nullable Bound bound(ContextView context) {
        return context.getOrDefault(key, null);
    }
}
