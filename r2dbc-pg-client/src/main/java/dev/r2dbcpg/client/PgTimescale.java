package dev.r2dbcpg.client;

import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * TimescaleDB: hypertables, compression, compression and retention policies.
 *
 * <p>Every call first checks, on its connection, that the {@code timescaledb} extension is installed in the
 * current database, and fails with a {@link PgMissingExtensionException} naming it when not (nothing else is
 * sent). TimescaleDB's API is functions, so names and intervals go as bound parameters
 * ({@code $1::regclass}, {@code $2::name}, {@code $3::interval}); only {@link #enableCompression}, an
 * {@code ALTER TABLE}, builds DDL, with quoted identifiers inside an escaped literal. Names follow the rule
 * of this package; intervals are PostgreSQL interval text ({@code "1 day"}, {@code "7 days"}).
 */
public final class PgTimescale {

    static final String EXTENSION = "timescaledb";
    static final String CHECK = "SELECT (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = $1), "
            + "EXISTS (SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = $1)";
    private static final String HYPERTABLES = "SELECT h.hypertable_schema::text, h.hypertable_name::text, "
            + "h.num_dimensions::int4, h.num_chunks::int8, h.compression_enabled, z.s, pg_catalog.pg_size_pretty(z.s) "
            + "FROM timescaledb_information.hypertables h, LATERAL (SELECT coalesce(hypertable_size("
            + "pg_catalog.format('%I.%I', h.hypertable_schema, h.hypertable_name)::regclass), 0)::int8 s) z ";
    private static final String LIST = HYPERTABLES + "ORDER BY 1, 2";
    private static final String INFO = HYPERTABLES
            + "WHERE pg_catalog.format('%I.%I', h.hypertable_schema, h.hypertable_name)::regclass = $1::regclass";
    private static final Pattern ORDER = Pattern.compile(
            "^(.*?)(?:\\s+(ASC|DESC))?(?:\\s+NULLS\\s+(FIRST|LAST))?\\s*$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final SqlRunner sql;

    PgTimescale(ConnectionRunner connections) {
        this(SqlRunner.over(connections));
    }

    PgTimescale(SqlRunner sql) {
        this.sql = sql;
    }

    /**
     * {@code create_hypertable(table, timeColumn, chunk_time_interval => ..., if_not_exists => ...)}: turns a
     * table into a hypertable partitioned by time.
     *
     * @param chunkTimeInterval interval text such as {@code "1 day"}, or {@code null} for TimescaleDB's
     *     default (7 days)
     * @param ifNotExists do nothing (with a notice) when the table is a hypertable already
     */
    public Mono<Void> createHypertable(String table, String timeColumn, @Nullable String chunkTimeInterval,
            boolean ifNotExists) {
        String relation = Names.qualified(table, "table");
        String column = Names.catalog(timeColumn, "column");
        String text = chunkTimeInterval == null
                ? "SELECT 1 FROM create_hypertable($1::regclass, $2::name, if_not_exists => $3)"
                : "SELECT 1 FROM create_hypertable($1::regclass, $2::name, if_not_exists => $3, "
                        + "chunk_time_interval => $4::interval)";
        List<Object> params = chunkTimeInterval == null ? List.of(relation, column, ifNotExists)
                : List.of(relation, column, ifNotExists, chunkTimeInterval);
        return checked(s -> s.query(text, params, r -> 1)).then();
    }

    /**
     * {@code ALTER TABLE table SET (timescaledb.compress, timescaledb.compress_segmentby = '...',
     * timescaledb.compress_orderby = '...')}.
     *
     * @param segmentBy column names to segment by (may be empty)
     * @param orderBy column names, each optionally followed by {@code ASC}/{@code DESC} and
     *     {@code NULLS FIRST}/{@code NULLS LAST} ({@code "time DESC"}); may be empty for TimescaleDB's default
     */
    public Mono<Void> enableCompression(String table, List<String> segmentBy, List<String> orderBy) {
        StringBuilder ddl = new StringBuilder("ALTER TABLE ").append(Names.qualified(table, "table"))
                .append(" SET (timescaledb.compress");
        if (!segmentBy.isEmpty()) {
            StringJoiner columns = new StringJoiner(", ");
            segmentBy.forEach(c -> columns.add(Names.sql(c, "column")));
            ddl.append(", timescaledb.compress_segmentby = ").append(SqlLiterals.literal(columns.toString(), "segment-by list"));
        }
        if (!orderBy.isEmpty()) {
            StringJoiner columns = new StringJoiner(", ");
            orderBy.forEach(c -> columns.add(orderColumn(c)));
            ddl.append(", timescaledb.compress_orderby = ").append(SqlLiterals.literal(columns.toString(), "order-by list"));
        }
        String text = ddl.append(')').toString();
        return checked(s -> s.command(text)).then();
    }

    /** {@code add_compression_policy(table, compress_after => interval)}: the id of the background job. */
    public Mono<Integer> addCompressionPolicy(String table, String compressAfter) {
        return policy("SELECT add_compression_policy($1::regclass, compress_after => $2::interval)", table,
                compressAfter, "compress-after interval");
    }

    /** {@code add_retention_policy(table, drop_after => interval)}: the id of the background job. */
    public Mono<Integer> addRetentionPolicy(String table, String dropAfter) {
        return policy("SELECT add_retention_policy($1::regclass, drop_after => $2::interval)", table, dropAfter,
                "drop-after interval");
    }

    /** The hypertables of the current database, by schema and name. */
    public Flux<HypertableInfo> listHypertables() {
        return checked(s -> s.query(LIST, List.of(), PgTimescale::hypertable));
    }

    /** The hypertable, or empty when the table is not one (a table that does not exist is an error). */
    public Mono<HypertableInfo> hypertableInfo(String table) {
        List<String> params = List.of(Names.qualified(table, "table"));
        return checked(s -> s.query(INFO, params, PgTimescale::hypertable)).singleOrEmpty();
    }

    private Mono<Integer> policy(String text, String table, String interval, String what) {
        List<String> params = List.of(Names.qualified(table, "table"), requireText(interval, what));
        return checked(s -> s.query(text, params, r -> r.get(0, Integer.class))).single();
    }

    /** {@code work} on one connection, after the check that the extension is there. */
    private <T> Flux<T> checked(Function<SqlSession, ? extends org.reactivestreams.Publisher<T>> work) {
        return sql.run(s -> s.query(CHECK, List.of(EXTENSION), r -> r.get(0, String.class) != null
                        ? "" : Rows.bool(r, 1) ? "available" : "absent")
                .single()
                .flatMapMany(state -> state.isEmpty() ? Flux.from(work.apply(s))
                        : Flux.error(new PgMissingExtensionException("TimescaleDB", EXTENSION, state.equals("available")))));
    }

    /** One {@code compress_orderby} element: a column through the naming rule, then the fixed keywords. */
    static String orderColumn(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("The order-by column must not be null");
        }
        Matcher m = ORDER.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not an order-by column: " + spec);
        }
        StringBuilder sql = new StringBuilder(Names.sql(m.group(1), "column"));
        if (m.group(2) != null) {
            sql.append(' ').append(m.group(2).toUpperCase(Locale.ROOT));
        }
        if (m.group(3) != null) {
            sql.append(" NULLS ").append(m.group(3).toUpperCase(Locale.ROOT));
        }
        return sql.toString();
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " must not be null or blank");
        }
        return value;
    }

    private static HypertableInfo hypertable(Readable r) {
        return new HypertableInfo(r.get(0, String.class), r.get(1, String.class), r.get(2, Integer.class),
                r.get(3, Long.class), Rows.bool(r, 4), new SizeInfo(r.get(5, Long.class), r.get(6, String.class)));
    }
}
