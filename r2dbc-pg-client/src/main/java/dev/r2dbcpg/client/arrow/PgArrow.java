package dev.r2dbcpg.client.arrow;

import dev.r2dbcpg.core.Identifiers;
import dev.r2dbcpg.core.PgColumnMetadata;
import dev.r2dbcpg.core.PgConnection;
import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tables and queries as Apache Arrow batches and back, through binary COPY: pandas' {@code to_dataframe}
 * and {@code from_dataframe} (pycopg) with Arrow as the Java form of a data frame, done as Apache Arrow
 * ADBC's PostgreSQL driver does it — {@code COPY (query) TO STDOUT (FORMAT binary)} decoded straight into
 * vectors, and vectors encoded straight into {@code COPY table FROM STDIN (FORMAT binary)}, with no row
 * objects in between. The type mapping is in {@code docs/client-data.md}.
 *
 * <p>Needs {@code org.apache.arrow:arrow-vector} (an optional dependency of this module) and an Arrow
 * allocation manager ({@code arrow-memory-unsafe} or {@code arrow-memory-netty}) on the class path, and on
 * Java 17 the JVM flag {@code --add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED}.
 */
public final class PgArrow {

    /** Prefetch of CopyData messages (one row each) while a batch is filled. */
    private static final int ROW_PREFETCH = 64;

    private PgArrow() {
    }

    /** What {@link #fromArrow} does when the table exists already; a table that does not exist is created. */
    public enum IfExists {
        /** Fail with {@link IllegalStateException}, writing nothing. */
        FAIL,
        /** Drop the table and create it anew from the Arrow schema. */
        REPLACE,
        /** Add the rows; the table's columns named like the Arrow fields must have the mapped types. */
        APPEND
    }

    /**
     * {@link #toArrow(PgConnection, String, int, BufferAllocator)} on a connection of {@code factory}
     * (a pool too), opened on subscription and closed when the batches end.
     */
    public static Flux<VectorSchemaRoot> toArrow(ConnectionFactory factory, String tableOrQuery, int batchRows,
            BufferAllocator allocator) {
        Objects.requireNonNull(factory, "factory");
        check(tableOrQuery, batchRows, allocator);
        return Flux.usingWhen(factory.create(), c -> toArrow(pgConnection(c), tableOrQuery, batchRows, allocator),
                Connection::close);
    }

    /**
     * A table or query as Arrow batches of {@code batchRows} rows (the last one shorter; one empty batch
     * when there are no rows, so that the schema is seen). The column types come from a describe of the
     * query (run with {@code LIMIT 0}), then {@code COPY (query) TO STDOUT (FORMAT binary)} is decoded into
     * the vectors of each batch as the data arrives; socket reads pause while the subscriber has no demand.
     *
     * <p>Each batch belongs to the subscriber, who must {@link VectorSchemaRoot#close() close} it; memory
     * then stays within about two batches (the one being filled and the one being read) whatever the size
     * of the result. Batches not delivered because of a cancel or an error are closed by the driver.
     *
     * @param tableOrQuery a table name (optionally qualified; quoted by {@link Identifiers#qualifiedName}),
     *     or else a query ({@code SELECT}, {@code VALUES}, {@code TABLE}), which runs twice (describe, COPY)
     * @param batchRows rows per batch, at least 1
     * @param allocator where the vectors are allocated
     * @return the batches; fails with {@link IllegalArgumentException} naming the column for a type that
     *     has no Arrow mapping (before any data is read) or a value that has none (date or timestamp infinity,
     *     numeric NaN in a {@code Decimal} column)
     */
    public static Flux<VectorSchemaRoot> toArrow(PgConnection connection, String tableOrQuery, int batchRows,
            BufferAllocator allocator) {
        Objects.requireNonNull(connection, "connection");
        check(tableOrQuery, batchRows, allocator);
        String query = query(tableOrQuery);
        return describe(connection, query)
                .map(columns -> columns.stream().map(ArrowReaders::column).toList())
                .flatMapMany(columns -> Flux.using(() -> new CopyToArrow(columns, batchRows, allocator),
                        decoder -> connection.copyOut("COPY (" + query + ") TO STDOUT (FORMAT binary)")
                                .concatMapIterable(decoder::add, ROW_PREFETCH)
                                .concatWith(Mono.fromSupplier(decoder::finish)),
                        CopyToArrow::close))
                .doOnDiscard(VectorSchemaRoot.class, VectorSchemaRoot::close);
    }

    /**
     * {@link #fromArrow(PgConnection, Publisher, String, IfExists)} on a connection of {@code factory}, opened
     * on subscription and closed at the end.
     */
    public static Mono<Long> fromArrow(ConnectionFactory factory, Publisher<VectorSchemaRoot> batches, String table,
            IfExists ifExists) {
        Objects.requireNonNull(factory, "factory");
        check(batches, table, ifExists);
        return Mono.usingWhen(factory.create(), c -> fromArrow(pgConnection(c), batches, table, ifExists),
                Connection::close);
    }

    /**
     * Writes Arrow batches into {@code table} with binary COPY. The first batch's schema decides the
     * columns: each field is a column of that name (quoted as it is, any characters) and of the mapped type;
     * a table that does not exist is created with them, one that exists is handled as {@code ifExists} says.
     * Every batch must have the first one's fields.
     *
     * <p>Ownership of the batches passes to this method: each is closed once its rows are encoded (or when
     * it is discarded after an error). In auto-commit mode the whole write (drop, create, COPY) is one
     * transaction, rolled back on error; inside the caller's transaction it is part of that one. No batch at
     * all writes nothing and completes with 0.
     *
     * @param table the table, optionally schema-qualified; through {@link Identifiers#qualifiedName}
     * @return the number of rows written; fails with {@link IllegalStateException} for {@link IfExists#FAIL}
     *     on an existing table, with {@link IllegalArgumentException} naming the field for an Arrow type
     *     that has no PostgreSQL mapping or (for {@link IfExists#APPEND}) a column whose type differs
     * @throws IllegalArgumentException at the call for a table that is not a name
     */
    public static Mono<Long> fromArrow(PgConnection connection, Publisher<VectorSchemaRoot> batches, String table,
            IfExists ifExists) {
        Objects.requireNonNull(connection, "connection");
        check(batches, table, ifExists);
        String target = Identifiers.qualifiedName(table, "table");
        return Flux.from(batches).switchOnFirst((first, all) -> {
            if (!first.hasValue()) {
                return first.isOnError() ? Mono.<Long>error(first.getThrowable()) : Mono.just(0L);
            }
            // switchOnFirst holds the first batch until the rest is subscribed: when the write fails
            // before that (an existing table, an unmapped field), the batch is closed here
            VectorSchemaRoot firstBatch = first.get();
            AtomicBoolean delivered = new AtomicBoolean();
            Flux<VectorSchemaRoot> rest = all.doOnSubscribe(s -> delivered.set(true));
            return Mono.defer(() -> write(connection, target, firstBatch.getSchema(), rest, ifExists))
                    .doFinally(signal -> {
                        if (!delivered.get()) {
                            firstBatch.close();
                        }
                    });
        }).single().doOnDiscard(VectorSchemaRoot.class, VectorSchemaRoot::close);
    }

    private static Mono<Long> write(PgConnection connection, String target, Schema schema,
            Flux<VectorSchemaRoot> batches, IfExists ifExists) {
        List<ArrowWriters.Column> columns = schema.getFields().stream().map(ArrowWriters::column).toList();
        ArrowToCopy encoder = new ArrowToCopy(columns, ByteBufAllocator.DEFAULT);
        String names = schema.getFields().stream().map(f -> Identifiers.quote(f.getName()))
                .collect(Collectors.joining(", "));
        String copy = "COPY " + target + " (" + names + ") FROM STDIN (FORMAT binary)";
        Flux<io.netty.buffer.ByteBuf> data = Flux.concat(Mono.fromCallable(encoder::header),
                batches.map(batch -> {
                    try (batch) {
                        if (!batch.getSchema().equals(schema)) {
                            throw new IllegalArgumentException("Arrow batch has schema " + batch.getSchema()
                                    + ", the first batch had " + schema);
                        }
                        return encoder.rows(batch);
                    }
                }),
                Mono.fromCallable(encoder::trailer));
        return inTransaction(connection, prepare(connection, target, schema, columns, names, ifExists)
                .then(connection.copyIn(copy, data)));
    }

    private static Mono<Void> prepare(PgConnection connection, String target, Schema schema,
            List<ArrowWriters.Column> columns, String names, IfExists ifExists) {
        String create = "CREATE TABLE " + target + " (" + schemaColumns(schema, columns) + ")";
        if (ifExists == IfExists.REPLACE) {
            return run(connection, "DROP TABLE IF EXISTS " + target).then(run(connection, create));
        }
        return Flux.from(connection.createStatement("SELECT to_regclass($1) IS NOT NULL").bind(0, target).execute())
                .flatMap(result -> result.map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class))))
                .single()
                .flatMap(exists -> {
                    if (!exists) {
                        return run(connection, create);
                    }
                    if (ifExists == IfExists.FAIL) {
                        return Mono.error(new IllegalStateException("Table " + target
                                + " already exists (fromArrow with IfExists.FAIL); use REPLACE or APPEND"));
                    }
                    return describe(connection, "SELECT " + names + " FROM " + target)
                            .doOnNext(existing -> checkAppend(target, schema, columns, existing))
                            .then();
                });
    }

    /** Binary COPY does not convert: each existing column must have the type its field writes. */
    private static void checkAppend(String target, Schema schema, List<ArrowWriters.Column> columns,
            List<PgColumnMetadata> existing) {
        for (int i = 0; i < columns.size(); i++) {
            int wanted = columns.get(i).oid();
            int actual = existing.get(i).getNativeTypeMetadata();
            if (!sameBinaryFormat(wanted, actual)) {
                Field field = schema.getFields().get(i);
                throw new IllegalArgumentException("Column \"" + field.getName() + "\" of " + target + " has type "
                        + existing.get(i).getType().getName() + ", but Arrow field type " + field.getType() + " writes "
                        + columns.get(i).typeSql() + "; cast the vector or write to a new table");
            }
        }
    }

    /** The text types read the same binary format (the UTF-8 bytes). */
    private static boolean sameBinaryFormat(int written, int column) {
        if (written == column) {
            return true;
        }
        return written == dev.r2dbcpg.core.codec.Oids.TEXT && switch (column) {
            case dev.r2dbcpg.core.codec.Oids.VARCHAR, dev.r2dbcpg.core.codec.Oids.BPCHAR,
                    dev.r2dbcpg.core.codec.Oids.JSON -> true;
            default -> false;
        };
    }

    private static String schemaColumns(Schema schema, List<ArrowWriters.Column> columns) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(Identifiers.quote(schema.getFields().get(i).getName())).append(' ').append(columns.get(i).typeSql());
        }
        return sql.toString();
    }

    private static Mono<Long> inTransaction(PgConnection connection, Mono<Long> work) {
        return Mono.defer(() -> {
            if (!connection.isAutoCommit()) {
                return work;
            }
            return connection.beginTransaction()
                    .then(work)
                    .flatMap(rows -> connection.commitTransaction().thenReturn(rows))
                    .onErrorResume(error -> connection.rollbackTransaction().onErrorResume(e -> {
                        error.addSuppressed(e);
                        return Mono.empty();
                    }).then(Mono.error(error)));
        });
    }

    /**
     * The columns of {@code query} without running it: a one-row query whose only row is NULLs, outer-joined
     * to the query with {@code LIMIT 0} (the R2DBC API gives row metadata only with a row).
     */
    private static Mono<List<PgColumnMetadata>> describe(PgConnection connection, String query) {
        String sql = "SELECT q.* FROM (SELECT) AS r2dbcpg_one LEFT JOIN (SELECT * FROM (" + query
                + ") AS r2dbcpg_query LIMIT 0) AS q ON true";
        return Flux.from(connection.createStatement(sql).execute())
                .flatMap(result -> result.map((row, meta) -> meta.getColumnMetadatas().stream()
                        .map(PgArrow::pgColumn).toList()))
                .single();
    }

    private static PgColumnMetadata pgColumn(ColumnMetadata column) {
        return (PgColumnMetadata) column;
    }

    /** A table name as {@code SELECT * FROM name}; anything else is the query itself, trailing semicolons cut. */
    static String query(String tableOrQuery) {
        try {
            return "SELECT * FROM " + Identifiers.qualifiedName(tableOrQuery.strip(), "table");
        } catch (IllegalArgumentException notAName) {
            String query = tableOrQuery.strip();
            while (query.endsWith(";")) {
                query = query.substring(0, query.length() - 1).strip();
            }
            return query;
        }
    }

    static PgConnection pgConnection(Connection connection) {
        if (connection instanceof PgConnection pg) {
            return pg;
        }
        if (connection instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof PgConnection pg) {
            return pg;
        }
        throw new IllegalArgumentException("Arrow transfers need an r2dbc-pg connection, not "
                + connection.getClass().getName());
    }

    private static Mono<Void> run(PgConnection connection, String sql) {
        return Flux.from(connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).then();
    }

    private static void check(String tableOrQuery, int batchRows, BufferAllocator allocator) {
        Objects.requireNonNull(allocator, "allocator");
        if (tableOrQuery == null || tableOrQuery.isBlank()) {
            throw new IllegalArgumentException("The table or query must not be blank");
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1, not " + batchRows);
        }
    }

    private static void check(Publisher<VectorSchemaRoot> batches, String table, IfExists ifExists) {
        Objects.requireNonNull(batches, "batches");
        Objects.requireNonNull(ifExists, "ifExists");
        Identifiers.qualifiedName(table, "table");
    }
}
