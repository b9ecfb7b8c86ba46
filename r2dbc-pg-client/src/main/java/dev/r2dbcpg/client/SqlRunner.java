package dev.r2dbcpg.client;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.List;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Gives the helpers a {@link SqlSession} on one connection for the length of their work. */
interface SqlRunner {

    <T> Flux<T> run(Function<? super SqlSession, ? extends Publisher<T>> work);

    /** Sessions on the connections of {@code connections}. */
    static SqlRunner over(ConnectionRunner connections) {
        return new SqlRunner() {
            @Override
            public <T> Flux<T> run(Function<? super SqlSession, ? extends Publisher<T>> work) {
                return connections.withConnection(c -> work.apply(new OnConnection(c)));
            }
        };
    }

    /** A session that runs its statements on one R2DBC connection. */
    final class OnConnection implements SqlSession {

        private final Connection connection;

        OnConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public <T> Flux<T> query(String sql, List<?> params, Function<? super Readable, ? extends T> mapper) {
            return Flux.defer(() -> {
                Statement statement = connection.createStatement(sql);
                for (int i = 0; i < params.size(); i++) {
                    Object value = params.get(i);
                    if (value == null) {
                        statement.bindNull(i, String.class);
                    } else {
                        statement.bind(i, value);
                    }
                }
                return Flux.from(statement.execute()).concatMap(result -> result.map(mapper::apply));
            });
        }

        @Override
        public Mono<Void> command(String sql) {
            return Flux.defer(() -> Flux.from(connection.createStatement(sql).execute()))
                    .concatMap(Result::getRowsUpdated)
                    .then();
        }
    }
}
