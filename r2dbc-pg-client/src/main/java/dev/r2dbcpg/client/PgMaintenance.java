package dev.r2dbcpg.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code VACUUM}, {@code ANALYZE} and {@code EXPLAIN}.
 *
 * <p>Each call runs on a connection of its own in auto-commit mode, so {@code VACUUM} runs outside a
 * transaction block as it must. Table names follow the rule of this package (may be qualified; refused
 * before anything is sent when not a name).
 */
public final class PgMaintenance {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqlRunner sql;

    PgMaintenance(ConnectionRunner connections) {
        this(SqlRunner.over(connections));
    }

    PgMaintenance(SqlRunner sql) {
        this.sql = sql;
    }

    /**
     * {@code VACUUM [(FULL, ANALYZE)] [table]}.
     *
     * @param table the table, or {@code null} for every table of the database the user may vacuum
     * @param analyze also update the planner's statistics
     * @param full rewrite the table (returns space to the operating system; takes an exclusive lock)
     */
    public Mono<Void> vacuum(@Nullable String table, boolean analyze, boolean full) {
        String options = full && analyze ? " (FULL, ANALYZE)" : full ? " (FULL)" : analyze ? " (ANALYZE)" : "";
        return command("VACUUM" + options + target(table));
    }

    /**
     * {@code ANALYZE [table]}.
     *
     * @param table the table, or {@code null} for the whole database
     */
    public Mono<Void> analyze(@Nullable String table) {
        return command("ANALYZE" + target(table));
    }

    /**
     * {@code EXPLAIN [(ANALYZE)] sql}: the plan as text, one line per element.
     *
     * <p>{@code sql} is one statement, raw SQL of the caller's, with {@code $n} placeholders for
     * {@code params}. With {@code analyze} the statement is executed (an {@code INSERT} inserts: wrap it in
     * a transaction of your own and roll back if that is not wanted).
     *
     * @param params the values of {@code $1, $2, ...}; a {@code null} binds as a text NULL
     */
    public Flux<String> explain(String sql, List<?> params, boolean analyze) {
        String text = "EXPLAIN " + (analyze ? "(ANALYZE) " : "") + requireSql(sql);
        return this.sql.run(s -> s.query(text, params, r -> r.get(0, String.class)));
    }

    /**
     * {@code EXPLAIN (FORMAT JSON [, ANALYZE]) sql}: the plan as a Jackson tree (an array of one object with a
     * {@code Plan} member, as PostgreSQL writes it). Otherwise as {@link #explain}.
     */
    public Mono<JsonNode> explainJson(String sql, List<?> params, boolean analyze) {
        String text = "EXPLAIN (FORMAT JSON" + (analyze ? ", ANALYZE" : "") + ") " + requireSql(sql);
        return this.sql.run(s -> s.query(text, params, r -> r.get(0, String.class)))
                .collect(StringBuilder::new, StringBuilder::append)
                .map(PgMaintenance::parse);
    }

    private static JsonNode parse(CharSequence plan) {
        try {
            return JSON.readTree(plan.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The server's JSON plan did not parse: " + e.getOriginalMessage(), e);
        }
    }

    private static String requireSql(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("The statement to explain must not be null or blank");
        }
        return sql;
    }

    private static String target(@Nullable String table) {
        return table == null ? "" : " " + Names.qualified(table, "table");
    }

    private Mono<Void> command(String text) {
        return sql.run(s -> s.command(text)).then();
    }
}
