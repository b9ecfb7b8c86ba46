package dev.r2dbcpg.core;

import dev.r2dbcpg.core.engine.QueryExecutor;
import io.r2dbc.spi.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;

/**
 * Several SQL statements without parameters, sent as one simple-protocol query: one round trip, one
 * {@link PgResult} per statement, in order. An error stops the statements after it.
 */
public final class PgBatch implements Batch {

    private final QueryExecutor executor;
    private final List<String> statements = new ArrayList<>();

    private final UnaryOperator<Flux<PgResult>> prelude;

    PgBatch(QueryExecutor executor, UnaryOperator<Flux<PgResult>> prelude) {
        this.executor = executor;
        this.prelude = prelude;
    }

    @Override
    public PgBatch add(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException("SQL must not be null");
        }
        statements.add(sql);
        return this;
    }

    @Override
    public Flux<PgResult> execute() {
        if (statements.isEmpty()) {
            return Flux.error(new IllegalStateException("The batch is empty: add statements first"));
        }
        return prelude.apply(executor.simple(String.join("; ", statements)));
    }
}
