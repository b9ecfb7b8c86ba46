package dev.r2dbcpg.client;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgResult;
import java.time.Duration;
import java.util.UUID;

/** SQL the integration tests run around the code under test, each call bounded by {@link #TIMEOUT}. */
final class TestSql {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TestSql() {
    }

    /** Creates a table of a fresh name starting with {@code prefix} and returns the name. */
    static String table(PgConnection c, String prefix, String columns) {
        String name = prefix + UUID.randomUUID().toString().replace("-", "");
        run(c, "CREATE TABLE " + name + " (" + columns + ")");
        return name;
    }

    static void run(PgConnection c, String sql) {
        c.createStatement(sql).execute().concatMap(PgResult::getRowsUpdated).then().block(TIMEOUT);
    }

    /** The first column of the last row, as text. */
    static String queryText(PgConnection c, String sql) {
        return c.createStatement(sql).execute()
                .concatMap(r -> r.map((row, m) -> String.valueOf(row.get(0)))).blockLast(TIMEOUT);
    }
}
