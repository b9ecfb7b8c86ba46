package dev.r2dbcpg.core.client;

import dev.r2dbcpg.core.protocol.DroppingSink;
import dev.r2dbcpg.core.protocol.SimpleQuery;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Commands deferred to ride ahead of the next request (the pool's session reset; a deferred BEGIN ahead of a
 * request that cannot carry it in its own sync segment), written as one simple Query whose answers nobody
 * reads. They cannot be answered to anyone, so a server error in them ends the connection: the request behind
 * them fails with that error rather than run on a session in a state nobody asked for.
 */
final class DeferredCommands extends DroppingSink {

    private final String sql;
    private final Consumer<Throwable> terminate;

    private DeferredCommands(String sql, Consumer<Throwable> terminate) {
        this.sql = sql;
        this.terminate = terminate;
    }

    /** The conversation that sends {@code sql}; {@code terminate} ends the connection on a server error. */
    static SimpleQuery query(String sql, Consumer<Throwable> terminate) {
        return new SimpleQuery(sql, new DeferredCommands(sql, terminate));
    }

    @Override
    public void onServerError(Map<Character, String> fields) {
        terminate.accept(new R2dbcNonTransientResourceException("Commands sent ahead of this request failed ("
                + fields.get('M') + "): " + sql + "; connection closed", fields.get('C')));
    }
}
