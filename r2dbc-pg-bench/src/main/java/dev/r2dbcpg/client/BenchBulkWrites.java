package dev.r2dbcpg.client;

import dev.r2dbcpg.core.PgConnection;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The benchmarks' way into the package-private {@link BulkWrites}: this class lives in the bench module, in the
 * client's package, so the client module needs no public entry for it. Replace with {@code PgDatabase}'s
 * methods once they exist.
 */
public final class BenchBulkWrites {

    private BenchBulkWrites() {
    }

    /** {@link BulkWrites#copyInsert}. */
    public static Mono<Long> copyInsert(PgConnection c, String table, Publisher<?> rows) {
        return BulkWrites.copyInsert(c, table, rows);
    }

    /** {@link BulkWrites#insertBatch} without ON CONFLICT. */
    public static Mono<Long> insertBatch(PgConnection c, String table, Publisher<?> rows) {
        return BulkWrites.insertBatch(c, table, rows, null);
    }

    /** {@link BulkWrites#insertMany} without ON CONFLICT. */
    public static Mono<Long> insertMany(PgConnection c, String table, Publisher<?> rows) {
        return BulkWrites.insertMany(c, table, rows, null);
    }
}
