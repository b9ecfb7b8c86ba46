package dev.r2dbcpg.client;

import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The statements the helpers send on one connection: the seam a recording test replaces to see every
 * statement and its parameters.
 */
interface SqlSession {

    /**
     * Runs one statement with {@code $n} parameters and maps each row.
     *
     * @param params the values of {@code $1, $2, ...}; a {@code null} binds as a text NULL
     * @param mapper called once per row, inside the row's lifetime; must not return {@code null}
     */
    <T> Flux<T> query(String sql, List<?> params, Function<? super Readable, ? extends T> mapper);

    /** Runs one parameterless statement (DDL, utility commands), whatever it returns dropped. */
    Mono<Void> command(String sql);
}
