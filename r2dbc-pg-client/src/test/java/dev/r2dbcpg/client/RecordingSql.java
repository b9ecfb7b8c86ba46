package dev.r2dbcpg.client;

import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link SqlRunner} without a server: records every statement with its parameters and answers queries
 * with the rows scripted for the first SQL prefix that matches.
 */
final class RecordingSql implements SqlRunner, SqlSession {

    /** One statement sent: a query with its parameters, or a command (no parameters). */
    record Sent(String sql, List<@Nullable Object> params) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    /** The thread each statement was sent from. */
    final List<String> threads = new CopyOnWriteArrayList<>();
    private final Map<String, List<List<@Nullable Object>>> answers;

    /** @param answers SQL prefix to the rows (each a list of column values) that queries starting so get */
    RecordingSql(Map<String, List<List<@Nullable Object>>> answers) {
        this.answers = answers;
    }

    @Override
    public <T> Flux<T> run(Function<? super SqlSession, ? extends Publisher<T>> work) {
        return Flux.defer(() -> work.apply(this));
    }

    @Override
    public <T> Flux<T> query(String sql, List<?> params, Function<? super Readable, ? extends T> mapper) {
        return Flux.defer(() -> {
            sent.add(new Sent(sql, new ArrayList<>(params)));
            threads.add(Thread.currentThread().getName());
            return Flux.fromIterable(answers.entrySet().stream().filter(e -> sql.startsWith(e.getKey())).findFirst()
                    .map(Map.Entry::getValue).orElse(List.of())).map(row -> mapper.apply(readable(row)));
        });
    }

    @Override
    public Mono<Void> command(String sql) {
        return Mono.fromRunnable(() -> {
            sent.add(new Sent(sql, List.of()));
            threads.add(Thread.currentThread().getName());
        });
    }

    private static Readable readable(List<@Nullable Object> row) {
        return new Readable() {
            @Override
            public <T> @Nullable T get(int index, Class<T> type) {
                return type.cast(row.get(index));
            }

            @Override
            public <T> @Nullable T get(String name, Class<T> type) {
                throw new UnsupportedOperationException("by index only");
            }
        };
    }
}
