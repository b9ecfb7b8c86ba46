package dev.r2dbcpg.client;

import dev.r2dbcpg.core.CopyOptions;
import dev.r2dbcpg.core.Identifiers;
import dev.r2dbcpg.core.PgConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writing many rows at once: pycopg's {@code insert_batch}, {@code insert_many}, {@code upsert_many} and
 * {@code copy_insert}.
 *
 * <p>A row is a {@code Map<String, ?>} or a record; the first row fixes the columns (see {@link RowShape}) and a
 * later row with other columns fails the call, naming its index and its keys. The table ({@code users},
 * {@code app.users}) and every column name go through {@link Identifiers}: a plain name is quoted, a quoted one
 * is kept, anything else is refused with {@link IllegalArgumentException} before any SQL is sent. The
 * {@code onConflict} text is the only raw SQL a caller passes: it is appended after {@code ON CONFLICT} as
 * given and must never contain untrusted input. Every method completes with the number of rows written
 * (inserted or updated; rows skipped by {@code DO NOTHING} are not counted), 0 for no rows, and errors arrive
 * as the {@code Mono}'s error, never as an exception thrown by the call.
 *
 * <p>All or nothing: the INSERT paths write in several statements or bindings when the input is large, so when
 * the connection is in auto-commit mode and more than one statement may be needed they run inside a transaction
 * of their own (committed at the end, rolled back on error or cancellation); inside the caller's transaction
 * they simply take part in it. A COPY is one statement and atomic by itself.
 */
final class BulkWrites {

    /** PostgreSQL's limit on the parameters of one statement (Bind carries an Int16 count). */
    static final int MAX_PARAMETERS = 65_535;
    /** Parameters of one multi-row INSERT of {@code insertBatch}, unless one row has more (see {@link #rowsPerStatement}). */
    static final int PARAMETERS_PER_STATEMENT = 1_000;
    /** Multi-row INSERTs of {@code insertBatch} sent as one pipelined batch (one statement, a binding each). */
    static final int STATEMENTS_PER_BATCH = 16;
    /** Bindings of the {@code insertMany} statement sent as one pipelined batch. */
    static final int BINDINGS_PER_BATCH = 1_000;

    private BulkWrites() {
    }

    /**
     * Multi-row {@code INSERT INTO table (columns) VALUES (...), (...) [ON CONFLICT onConflict]}: as many rows
     * per statement as fit in {@value #PARAMETERS_PER_STATEMENT} parameters (never more than PostgreSQL's
     * {@value #MAX_PARAMETERS}; see {@link #rowsPerStatement}), {@value #STATEMENTS_PER_BATCH} statements sent
     * at once as the pipelined bindings of one statement.
     *
     * @param onConflict raw SQL after {@code ON CONFLICT} (e.g. {@code (email) DO NOTHING}), or null; never
     *                   from untrusted input
     */
    static Mono<Long> insertBatch(Connection c, String table, Publisher<?> rows, @Nullable String onConflict) {
        return Mono.defer(() -> multiRowInsert(c, TableName.parse(table), rows, conflictText(onConflict)));
    }

    /**
     * One statement {@code INSERT INTO table (columns) VALUES ($1, ...) [ON CONFLICT onConflict]}, with a
     * binding ({@code Statement.add()}) per row, executed in pipelined batches of {@value #BINDINGS_PER_BATCH}
     * bindings: the statement is prepared once, and memory stays bounded whatever the number of rows.
     *
     * @param onConflict raw SQL after {@code ON CONFLICT}, or null; never from untrusted input
     */
    static Mono<Long> insertMany(Connection c, String table, Publisher<?> rows, @Nullable String onConflict) {
        return Mono.defer(() -> {
            TableName target = TableName.parse(table);
            Function<RowShape, String> conflict = conflictText(onConflict);
            return chunked(c, rows, shape -> BINDINGS_PER_BATCH, new ChunkWriter() {
                @Override
                public Flux<Result> write(RowShape shape, List<Values> chunk) {
                    Statement statement = c.createStatement(insertSql(target, shape, 1) + conflict.apply(shape));
                    for (int i = 0; i < chunk.size(); i++) {
                        if (i > 0) {
                            statement.add();
                        }
                        bindRow(statement, chunk.get(i), shape, 0);
                    }
                    return Flux.<Result>from(statement.execute());
                }

                @Override
                public boolean needsTransaction(RowShape shape, int rows, int perChunk) {
                    return rows > 1;
                }
            });
        });
    }

    /**
     * {@link #insertBatch} with {@code ON CONFLICT (conflictColumns) DO UPDATE SET col = EXCLUDED.col, ...}.
     * The count is rows inserted plus rows updated. As with any one INSERT, two rows with the same conflict key
     * in one statement fail ({@code ON CONFLICT DO UPDATE command cannot affect row a second time}).
     *
     * @param conflictColumns the columns of the unique index or constraint; at least one
     * @param updateColumns   the columns to update, each a column of the rows; null for every column of the rows
     *                        that is not a conflict column; empty for {@code DO NOTHING}
     */
    static Mono<Long> upsertMany(Connection c, String table, Publisher<?> rows, List<String> conflictColumns,
            @Nullable List<String> updateColumns) {
        return Mono.defer(() -> {
            TableName target = TableName.parse(table);
            if (conflictColumns == null || conflictColumns.isEmpty()) {
                throw new IllegalArgumentException("upsertMany needs at least one conflict column");
            }
            List<String> conflict = quoted(conflictColumns);
            List<String> update = updateColumns == null ? null : quoted(updateColumns);
            return multiRowInsert(c, target, rows, shape -> upsertClause(shape, conflict, update));
        });
    }

    /**
     * Binary {@code COPY table (columns) FROM STDIN} through {@link PgConnection#copyInRows}, each value written
     * by the codec of its column's type: the fastest path. The row count is the server's ({@code COPY n}).
     */
    static Mono<Long> copyInsert(PgConnection c, String table, Publisher<?> rows) {
        return Mono.defer(() -> {
            TableName target = TableName.parse(table);
            return Flux.from(rows).switchOnFirst((first, all) -> {
                if (!first.hasValue()) {
                    return all.thenMany(Flux.<Long>empty());
                }
                RowShape shape = RowShape.of(Objects.requireNonNull(first.get()));
                // The names as SQL (quoted): COPY takes a quoted identifier as given, and a qualified table.
                CopyOptions options = CopyOptions.builder().columns(shape.quotedColumns().toArray(String[]::new))
                        .build();
                return c.copyInRows(target.sql(), all.index().map(row -> shape.values(row.getT2(), row.getT1())),
                        options);
            }).reduce(0L, Long::sum);
        });
    }

    // ---------------------------------------------------------------- the INSERT paths

    /** One row's values in column order, with its position in the input. */
    private record Values(long index, Object[] values) {
    }

    /** How a chunk of rows is written: one statement (with one or more bindings), or a few. */
    private interface ChunkWriter {

        Flux<Result> write(RowShape shape, List<Values> chunk);

        /**
         * Whether a write whose first chunk has {@code rows} rows (of at most {@code perChunk}) may run more than
         * one statement or binding, and so needs a transaction to be all or nothing.
         */
        boolean needsTransaction(RowShape shape, int rows, int perChunk);
    }

    /**
     * Rows per multi-row INSERT: as many as fit in {@value #PARAMETERS_PER_STATEMENT} parameters (at least one
     * row), which is always under PostgreSQL's {@value #MAX_PARAMETERS}. Statements of a few thousand parameters
     * load faster than the largest possible ones, whose parse and plan time grows with their size; several of
     * them are sent at once (see {@link #STATEMENTS_PER_BATCH}), so their size costs no round trips.
     */
    static int rowsPerStatement(int columns) {
        return Math.max(1, Math.min(MAX_PARAMETERS, Math.max(PARAMETERS_PER_STATEMENT, columns)) / columns);
    }

    private static Mono<Long> multiRowInsert(Connection c, TableName target, Publisher<?> rows,
            Function<RowShape, String> conflict) {
        return chunked(c, rows, shape -> rowsPerStatement(shape.size()) * STATEMENTS_PER_BATCH, new ChunkWriter() {
            private @Nullable String fullStatementSql;

            /**
             * The chunk's full statements as the bindings of one statement (the same SQL text, pipelined), then
             * the rest of its rows, if any, as one shorter statement.
             */
            @Override
            public Flux<Result> write(RowShape shape, List<Values> chunk) {
                int perStatement = rowsPerStatement(shape.size());
                int full = chunk.size() / perStatement;
                Flux<Result> results = Flux.empty();
                if (full > 0) {
                    if (fullStatementSql == null) {
                        fullStatementSql = insertSql(target, shape, perStatement) + conflict.apply(shape);
                    }
                    Statement statement = c.createStatement(fullStatementSql);
                    for (int b = 0; b < full; b++) {
                        if (b > 0) {
                            statement.add();
                        }
                        for (int r = 0; r < perStatement; r++) {
                            bindRow(statement, chunk.get(b * perStatement + r), shape, r * shape.size());
                        }
                    }
                    results = Flux.<Result>from(statement.execute());
                }
                int rest = chunk.size() - full * perStatement;
                if (rest > 0) {
                    Statement statement = c.createStatement(insertSql(target, shape, rest) + conflict.apply(shape));
                    for (int r = 0; r < rest; r++) {
                        bindRow(statement, chunk.get(full * perStatement + r), shape, r * shape.size());
                    }
                    results = results.concatWith(Flux.<Result>from(statement.execute()));
                }
                return results;
            }

            @Override
            public boolean needsTransaction(RowShape shape, int rows, int perChunk) {
                return rows > rowsPerStatement(shape.size());
            }
        });
    }

    /**
     * Reads the rows, cuts them into chunks of {@code chunkRows(shape)}, runs one statement per chunk in order,
     * and sums the counts; in a transaction of its own when one is needed (see the class comment).
     */
    private static Mono<Long> chunked(Connection c, Publisher<?> rows, Function<RowShape, Integer> chunkRows,
            ChunkWriter writer) {
        return Flux.from(rows).switchOnFirst((first, all) -> {
            if (!first.hasValue()) {
                return all.thenMany(Flux.<Long>empty());
            }
            RowShape shape = RowShape.of(Objects.requireNonNull(first.get()));
            int perChunk = chunkRows.apply(shape);
            Flux<List<Values>> chunks = all.index().map(row -> new Values(row.getT1(), shape.values(row.getT2(), row.getT1())))
                    .buffer(perChunk);
            return Flux.usingWhen(Mono.fromSupplier(() -> new OwnTransaction(c)),
                    tx -> chunks.concatMap(chunk -> tx.beforeFirst(writer.needsTransaction(shape, chunk.size(), perChunk))
                            .thenMany(Flux.defer(() -> writer.write(shape, chunk)))
                            .concatMap(Result::getRowsUpdated), 1),
                    OwnTransaction::commit, (tx, error) -> tx.rollback(), OwnTransaction::rollback);
        }).reduce(0L, Long::sum);
    }

    /**
     * The transaction a chunked write opens for itself when the connection is in auto-commit mode and the first
     * chunk shows that the write is not a single statement of one row. One per call.
     */
    private static final class OwnTransaction {

        private final Connection connection;
        private boolean decided;
        private boolean owned;

        OwnTransaction(Connection connection) {
            this.connection = connection;
        }

        /** Before the first chunk: begins a transaction when {@code needed} and none is open. */
        Mono<Void> beforeFirst(boolean needed) {
            if (decided) {
                return Mono.empty();
            }
            decided = true;
            if (!needed || !connection.isAutoCommit()) {
                return Mono.empty();
            }
            owned = true;
            return Mono.from(connection.beginTransaction());
        }

        Mono<Void> commit() {
            return owned ? Mono.from(connection.commitTransaction()) : Mono.empty();
        }

        Mono<Void> rollback() {
            return owned ? Mono.from(connection.rollbackTransaction()) : Mono.empty();
        }
    }

    /** {@code INSERT INTO target ("a", "b") VALUES ($1, $2), ($3, $4)...} for {@code rows} rows. */
    static String insertSql(TableName target, RowShape shape, int rows) {
        int n = shape.size();
        StringBuilder sql = new StringBuilder(32 + rows * n * 8).append("INSERT INTO ").append(target.sql())
                .append(' ').append(shape.columnList()).append(" VALUES ");
        int p = 1;
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int i = 0; i < n; i++) {
                sql.append(i == 0 ? "$" : ", $").append(p++);
            }
            sql.append(')');
        }
        return sql.toString();
    }

    /** Binds one row's values from parameter {@code offset} on; a null is bound untyped (the column's type is used). */
    private static void bindRow(Statement statement, Values row, RowShape shape, int offset) {
        Object[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            try {
                if (value == null) {
                    statement.bindNull(offset + i, Object.class);
                } else {
                    statement.bind(offset + i, value);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Row " + row.index() + ", column " + shape.quotedColumns().get(i) + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private static Function<RowShape, String> conflictText(@Nullable String onConflict) {
        if (onConflict == null) {
            return shape -> "";
        }
        if (onConflict.isBlank()) {
            throw new IllegalArgumentException("onConflict is blank: pass null for no ON CONFLICT clause");
        }
        String clause = " ON CONFLICT " + onConflict;
        return shape -> clause;
    }

    /** {@code ON CONFLICT ("k") DO UPDATE SET "a" = EXCLUDED."a", ...}, or {@code DO NOTHING}. */
    private static String upsertClause(RowShape shape, List<String> conflict, @Nullable List<String> update) {
        List<String> set;
        if (update == null) {
            set = new ArrayList<>(shape.quotedColumns());
            set.removeAll(conflict);
        } else {
            set = update;
            for (String column : update) {
                if (!shape.quotedColumns().contains(column)) {
                    throw new IllegalArgumentException("Update column " + column + " is not a column of the rows "
                            + shape.quotedColumns());
                }
            }
        }
        StringBuilder sql = new StringBuilder(" ON CONFLICT (").append(String.join(", ", conflict)).append(')');
        if (set.isEmpty()) {
            return sql.append(" DO NOTHING").toString();
        }
        sql.append(" DO UPDATE SET ");
        for (int i = 0; i < set.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(set.get(i)).append(" = EXCLUDED.").append(set.get(i));
        }
        return sql.toString();
    }

    private static List<String> quoted(List<String> columns) {
        Set<String> names = new LinkedHashSet<>();
        for (String column : columns) {
            names.add(Identifiers.name(column, "column"));
        }
        return List.copyOf(names);
    }
}
