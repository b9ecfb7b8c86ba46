package dev.r2dbcpg.pool;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;

/** A statement of a pooled connection: counts each execution towards {@code maxQueries}. */
final class PooledStatement implements Statement {

    private final Statement delegate;
    private final Slot slot;

    PooledStatement(Statement delegate, Slot slot) {
        this.delegate = delegate;
        this.slot = slot;
    }

    @Override
    public Statement add() {
        delegate.add();
        return this;
    }

    @Override
    public Statement bind(int index, Object value) {
        delegate.bind(index, value);
        return this;
    }

    @Override
    public Statement bind(String name, Object value) {
        delegate.bind(name, value);
        return this;
    }

    @Override
    public Statement bindNull(int index, Class<?> type) {
        delegate.bindNull(index, type);
        return this;
    }

    @Override
    public Statement bindNull(String name, Class<?> type) {
        delegate.bindNull(name, type);
        return this;
    }

    @Override
    public Statement returnGeneratedValues(String... columns) {
        delegate.returnGeneratedValues(columns);
        return this;
    }

    @Override
    public Statement fetchSize(int rows) {
        delegate.fetchSize(rows);
        return this;
    }

    @Override
    public Flux<? extends Result> execute() {
        return Flux.defer(() -> {
            slot.countQuery();
            return delegate.execute();
        });
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
