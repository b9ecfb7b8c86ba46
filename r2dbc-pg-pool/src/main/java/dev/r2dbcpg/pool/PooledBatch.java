package dev.r2dbcpg.pool;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import reactor.core.publisher.Flux;

/** A batch of a pooled connection: counts each of its statements towards {@code maxQueries}. */
final class PooledBatch implements Batch {

    private final Batch delegate;
    private final Slot slot;
    private int statements;

    PooledBatch(Batch delegate, Slot slot) {
        this.delegate = delegate;
        this.slot = slot;
    }

    @Override
    public Batch add(String sql) {
        delegate.add(sql);
        statements++;
        return this;
    }

    @Override
    public Flux<? extends Result> execute() {
        return Flux.defer(() -> {
            for (int i = 0; i < statements; i++) {
                slot.countQuery();
            }
            return delegate.execute();
        });
    }
}
