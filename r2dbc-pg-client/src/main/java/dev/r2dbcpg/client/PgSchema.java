package dev.r2dbcpg.client;

import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Introspection and DDL: schemas, tables, columns, indexes, constraints, extensions and sizes, read from
 * {@code pg_catalog}; {@code CREATE}/{@code DROP} of schemas, tables, indexes and extensions.
 *
 * <p>Names follow the rule of this package (see {@code package-info}): plain names are quoted (case kept),
 * quoted identifiers are used as given, anything else is refused with {@link IllegalArgumentException}
 * before anything is sent. A table name may be qualified ({@code app.users}); unqualified, it is looked up
 * on the {@code search_path}, as in SQL. Methods on a table that does not exist fail with the server's
 * {@code 42P01} ({@code R2dbcBadGrammarException}), except {@link #tableExists}.
 *
 * <p>Each call runs on a connection of its own, in auto-commit mode. Nothing is sent until subscription.
 */
public final class PgSchema {

    private static final String LIST_SCHEMAS = "SELECT n.nspname::text FROM pg_catalog.pg_namespace n "
            + "WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' ORDER BY 1";
    private static final String SCHEMA_EXISTS =
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1)";
    private static final String LIST_TABLES = "SELECT c.relname::text FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY 1";
    private static final String TABLE_EXISTS = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class "
            + "WHERE oid = pg_catalog.to_regclass($1) AND relkind IN ('r', 'p'))";
    private static final String TABLE_INFO = "SELECT a.attname::text, pg_catalog.format_type(a.atttypid, a.atttypmod), "
            + "NOT a.attnotnull, pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attnum::int4, "
            + "EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary "
            + "AND a.attnum = ANY (i.indkey)) "
            + "FROM pg_catalog.pg_attribute a "
            + "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            + "WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    private static final String ESTIMATED_ROWS =
            "SELECT c.reltuples::int8 FROM pg_catalog.pg_class c WHERE c.oid = $1::regclass";
    private static final String LIST_INDEXES = "SELECT c.relname::text, ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 "
            + "THEN pg_catalog.pg_get_indexdef(i.indexrelid, k, true) ELSE (SELECT a.attname::text "
            + "FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]) END "
            + "FROM pg_catalog.generate_series(1, i.indnkeyatts::int4) k ORDER BY k), "
            + "i.indisunique, i.indisprimary, am.amname::text, pg_catalog.pg_get_indexdef(i.indexrelid) "
            + "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
            + "JOIN pg_catalog.pg_am am ON am.oid = c.relam WHERE i.indrelid = $1::regclass ORDER BY 1";
    private static final String LIST_CONSTRAINTS = "SELECT c.conname::text, c.contype::text, "
            + "ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(c.conkey) WITH ORDINALITY k(num, ord) "
            + "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.ord), "
            + "pg_catalog.pg_get_constraintdef(c.oid, true), "
            + "CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text END "
            + "FROM pg_catalog.pg_constraint c WHERE c.conrelid = $1::regclass ORDER BY 1";
    private static final String LIST_EXTENSIONS = "SELECT e.extname::text, e.extversion, n.nspname::text "
            + "FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace ORDER BY 1";
    private static final String HAS_EXTENSION =
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = $1)";
    private static final String DATABASE_SIZE = "SELECT s, pg_catalog.pg_size_pretty(s) "
            + "FROM pg_catalog.pg_database_size(pg_catalog.current_database()) s";
    private static final String TABLE_SIZES = "SELECT n.nspname::text, c.relname::text, "
            + "t, pg_catalog.pg_size_pretty(t), i, pg_catalog.pg_size_pretty(i), a, pg_catalog.pg_size_pretty(a) "
            + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace, "
            + "LATERAL (SELECT pg_catalog.pg_table_size(c.oid) t, pg_catalog.pg_indexes_size(c.oid) i, "
            + "pg_catalog.pg_total_relation_size(c.oid) a) s ";
    private static final String TABLE_SIZE = TABLE_SIZES + "WHERE c.oid = $1::regclass";
    private static final String SCHEMA_TABLE_SIZES = TABLE_SIZES
            + "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'm') ORDER BY a DESC, 2";

    private final SqlRunner sql;

    PgSchema(ConnectionRunner connections) {
        this(SqlRunner.over(connections));
    }

    PgSchema(SqlRunner sql) {
        this.sql = sql;
    }

    // ---------------------------------------------------------------- schemas

    /** The schemas of the current database, by name, without {@code pg_*} and {@code information_schema}. */
    public Flux<String> listSchemas() {
        return query(LIST_SCHEMAS, List.of(), r -> r.get(0, String.class));
    }

    /** Whether the schema exists. */
    public Mono<Boolean> schemaExists(String schema) {
        return exists(SCHEMA_EXISTS, Names.catalog(schema, "schema"));
    }

    /** {@code CREATE SCHEMA [IF NOT EXISTS] schema}. */
    public Mono<Void> createSchema(String schema, boolean ifNotExists) {
        return command("CREATE SCHEMA " + (ifNotExists ? "IF NOT EXISTS " : "") + Names.sql(schema, "schema"));
    }

    /** {@code DROP SCHEMA [IF EXISTS] schema [CASCADE]}: without {@code cascade}, a schema that is not empty stays. */
    public Mono<Void> dropSchema(String schema, boolean ifExists, boolean cascade) {
        return drop("SCHEMA", Names.sql(schema, "schema"), ifExists, cascade);
    }

    // ---------------------------------------------------------------- tables and columns

    /** The tables (ordinary and partitioned) of a schema, by name. */
    public Flux<String> listTables(String schema) {
        return query(LIST_TABLES, List.of(Names.catalog(schema, "schema")), r -> r.get(0, String.class));
    }

    /** Whether the table (ordinary or partitioned; not a view) exists. */
    public Mono<Boolean> tableExists(String table) {
        return exists(TABLE_EXISTS, Names.qualified(table, "table"));
    }

    /** The columns of a table (or view), in order, with type, nullability, default and primary-key membership. */
    public Flux<ColumnInfo> tableInfo(String table) {
        return query(TABLE_INFO, List.of(Names.qualified(table, "table")), r -> new ColumnInfo(
                r.get(0, String.class), r.get(1, String.class), Rows.bool(r, 2), r.get(3, String.class),
                r.get(4, Integer.class), Rows.bool(r, 5)));
    }

    /** The column names of a table, in order. */
    public Flux<String> listColumns(String table) {
        return tableInfo(table).map(ColumnInfo::name);
    }

    /** The column names and types of a table, in order. */
    public Flux<ColumnType> columnsWithTypes(String table) {
        return tableInfo(table).map(c -> new ColumnType(c.name(), c.dataType()));
    }

    /** {@code SELECT count(*)} of the table: exact, and as slow as a scan. */
    public Mono<Long> rowCount(String table) {
        return query("SELECT count(*) FROM " + Names.qualified(table, "table"), List.of(), r -> r.get(0, Long.class))
                .single();
    }

    /**
     * The planner's estimate of the table's rows ({@code pg_class.reltuples}), as of the last
     * {@code VACUUM}/{@code ANALYZE}: cheap, approximate; {@code -1} on PostgreSQL 14 and later when the table
     * was never vacuumed or analyzed ({@code 0} before 14).
     */
    public Mono<Long> estimatedRowCount(String table) {
        return query(ESTIMATED_ROWS, List.of(Names.qualified(table, "table")), r -> r.get(0, Long.class)).single();
    }

    // ---------------------------------------------------------------- indexes and constraints

    /** The indexes of a table, by name. */
    public Flux<IndexInfo> listIndexes(String table) {
        return query(LIST_INDEXES, List.of(Names.qualified(table, "table")), r -> new IndexInfo(
                r.get(0, String.class), Rows.strings(r, 1), Rows.bool(r, 2), Rows.bool(r, 3), r.get(4, String.class),
                r.get(5, String.class)));
    }

    /** The constraints of a table, by name (on PostgreSQL 18, {@code NOT NULL} constraints too). */
    public Flux<ConstraintInfo> listConstraints(String table) {
        return query(LIST_CONSTRAINTS, List.of(Names.qualified(table, "table")), r -> new ConstraintInfo(
                r.get(0, String.class), ConstraintInfo.Type.of(r.get(1, String.class)), Rows.strings(r, 2),
                r.get(3, String.class), r.get(4, String.class)));
    }

    // ---------------------------------------------------------------- extensions

    /** The extensions installed in the current database, by name. */
    public Flux<ExtensionInfo> listExtensions() {
        return query(LIST_EXTENSIONS, List.of(), r -> new ExtensionInfo(r.get(0, String.class), r.get(1, String.class),
                r.get(2, String.class)));
    }

    /** Whether the extension is installed in the current database. */
    public Mono<Boolean> hasExtension(String extension) {
        return exists(HAS_EXTENSION, Names.catalog(extension, "extension"));
    }

    /**
     * {@code CREATE EXTENSION [IF NOT EXISTS] extension}. A name that is not a plain name is passed quoted:
     * {@code createExtension("\"uuid-ossp\"", true)}.
     */
    public Mono<Void> createExtension(String extension, boolean ifNotExists) {
        return command("CREATE EXTENSION " + (ifNotExists ? "IF NOT EXISTS " : "") + Names.sql(extension, "extension"));
    }

    /** {@code DROP EXTENSION [IF EXISTS] extension [CASCADE]}. */
    public Mono<Void> dropExtension(String extension, boolean ifExists, boolean cascade) {
        return drop("EXTENSION", Names.sql(extension, "extension"), ifExists, cascade);
    }

    // ---------------------------------------------------------------- sizes

    /** The size of the current database ({@code pg_database_size}). */
    public Mono<SizeInfo> size() {
        return query(DATABASE_SIZE, List.of(), r -> new SizeInfo(r.get(0, Long.class), r.get(1, String.class))).single();
    }

    /** The sizes of one table. */
    public Mono<TableSize> tableSize(String table) {
        return query(TABLE_SIZE, List.of(Names.qualified(table, "table")), PgSchema::tableSize).single();
    }

    /** The sizes of the tables (and materialized views) of a schema, largest total first. */
    public Flux<TableSize> tableSizes(String schema) {
        return query(SCHEMA_TABLE_SIZES, List.of(Names.catalog(schema, "schema")), PgSchema::tableSize);
    }

    // ---------------------------------------------------------------- DDL

    /**
     * {@code CREATE TABLE [IF NOT EXISTS] table (column type, ...)}, columns in the map's iteration order (use a
     * {@link java.util.LinkedHashMap}).
     *
     * <p>The column names follow the naming rule; <b>the type text is raw SQL</b>, written as given after the
     * column name: a type with its constraints and default ({@code "numeric(10,2) NOT NULL DEFAULT 0"},
     * {@code "integer REFERENCES users(id)"}). Never build it from untrusted input.
     *
     * @throws IllegalArgumentException for no columns, a refused name, or a blank type
     */
    public Mono<Void> createTable(String table, Map<String, String> columns, boolean ifNotExists) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A table needs at least one column");
        }
        StringJoiner list = new StringJoiner(", ", " (", ")");
        columns.forEach((column, type) -> {
            if (type == null || type.isBlank() || type.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("The type of column " + column + " must be SQL text");
            }
            list.add(Names.sql(column, "column") + " " + type);
        });
        return command("CREATE TABLE " + (ifNotExists ? "IF NOT EXISTS " : "") + Names.qualified(table, "table") + list);
    }

    /** {@code DROP TABLE [IF EXISTS] table [CASCADE]}. */
    public Mono<Void> dropTable(String table, boolean ifExists, boolean cascade) {
        return drop("TABLE", Names.qualified(table, "table"), ifExists, cascade);
    }

    /**
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [name] ON table [USING method] (column, ...)}. Columns are
     * names (an expression index needs SQL of its own).
     *
     * @throws IllegalArgumentException for no columns or a refused name
     */
    public Mono<Void> createIndex(String table, List<String> columns, IndexOptions options) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("An index needs at least one column");
        }
        StringJoiner list = new StringJoiner(", ", " (", ")");
        columns.forEach(c -> list.add(Names.sql(c, "column")));
        String name = options.name();
        String method = options.method();
        return command("CREATE " + (options.unique() ? "UNIQUE " : "") + "INDEX "
                + (options.concurrently() ? "CONCURRENTLY " : "") + (name == null ? "" : Names.sql(name, "index") + " ")
                + "ON " + Names.qualified(table, "table") + (method == null ? "" : " USING " + Names.sql(method, "access method"))
                + list);
    }

    /** {@code DROP INDEX [IF EXISTS] index}; the index name may be qualified by its schema. */
    public Mono<Void> dropIndex(String index, boolean ifExists) {
        return command("DROP INDEX " + (ifExists ? "IF EXISTS " : "") + Names.qualified(index, "index"));
    }

    // ---------------------------------------------------------------- plumbing

    private <T> Flux<T> query(String text, List<?> params, Function<? super Readable, ? extends T> mapper) {
        return sql.run(s -> s.query(text, params, mapper));
    }

    private Mono<Boolean> exists(String text, String param) {
        return query(text, List.of(param), r -> Rows.bool(r, 0)).single();
    }

    /** {@code DROP kind [IF EXISTS] name [CASCADE]}, {@code name} already SQL. */
    private Mono<Void> drop(String kind, String name, boolean ifExists, boolean cascade) {
        return command("DROP " + kind + " " + (ifExists ? "IF EXISTS " : "") + name + (cascade ? " CASCADE" : ""));
    }

    private Mono<Void> command(String text) {
        return sql.run(s -> s.command(text)).then();
    }

    private static TableSize tableSize(Readable r) {
        return new TableSize(r.get(0, String.class), r.get(1, String.class),
                new SizeInfo(r.get(2, Long.class), r.get(3, String.class)),
                new SizeInfo(r.get(4, Long.class), r.get(5, String.class)),
                new SizeInfo(r.get(6, Long.class), r.get(7, String.class)));
    }
}
