package dev.r2dbcpg.core;

import dev.r2dbcpg.core.engine.Binding;
import dev.r2dbcpg.core.engine.QueryExecutor;
import dev.r2dbcpg.core.engine.SqlParameters;
import dev.r2dbcpg.core.codec.CodecRegistry;
import io.r2dbc.spi.Parameter;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * A SQL statement with {@code $1, $2, ...} placeholders, bound by index (0-based) or by name
 * ({@code "$1"}). Values are checked and their codec found when bound. Several bindings
 * ({@link #add()}) run as one exchange, with the semantics of JDBC {@code executeBatch}: the statement is
 * prepared at most once, every Bind/Execute is written without waiting for an answer, and one Sync ends the
 * batch, so outside a transaction block the whole batch is one implicit transaction (all or nothing). Each
 * binding yields its own {@link PgResult}, in order. An error at binding k (0-based, in {@code add()} order)
 * ends the batch: that result carries the server's error as the usual exception (same class and SQLSTATE), its
 * message starting {@code "Batch binding k of n: "}; the bindings after k do not run and yield no result.
 * Bindings that declare different parameter types, bind a Blob or Clob, or run with a fetch size, run as one
 * pipelined statement per binding instead.
 *
 * <p>{@code Parameters.in(type, value)} declares the parameter as that type (see {@code docs/types.md}).
 * {@code Parameters.out(type)} and {@code Parameters.inOut(...)} bind the OUT and INOUT arguments of a
 * {@code CALL}; the result then carries their values as a {@code Result.OutSegment} ({@link PgOutParameters}),
 * readable with {@code Result.map(Function<Readable, T>)}.
 *
 * <p>A single statement, with or without placeholders, runs through the extended protocol with the connection's
 * prepared-statement cache: results come in binary and types the driver does not know yet are looked up first.
 * A string of several statements separated by semicolons (which cannot take placeholders), a {@code COPY}, and
 * blank SQL run through the simple query protocol; each statement of such a string yields one result, in text.
 */
public final class PgStatement implements Statement {

    private final QueryExecutor executor;
    private final String sql;
    private final int parameterCount;
    private final boolean simpleProtocol;
    private final List<Binding> bindings = new ArrayList<>();
    private Binding current;
    private @Nullable String returning;
    private int fetchSize;
    private final UnaryOperator<Flux<PgResult>> prelude;

    PgStatement(QueryExecutor executor, String sql, int defaultFetchSize, UnaryOperator<Flux<PgResult>> prelude) {
        this.executor = executor;
        this.prelude = prelude;
        this.sql = sql;
        SqlParameters.Shape shape = SqlParameters.shape(sql);
        this.parameterCount = shape.parameters();
        this.simpleProtocol = shape.parameters() == 0 && shape.needsSimpleProtocol();
        this.current = new Binding(parameterCount);
        this.fetchSize = defaultFetchSize;
    }

    @Override
    public PgStatement add() {
        current.requireComplete();
        bindings.add(current);
        current = new Binding(parameterCount);
        return this;
    }

    @Override
    public PgStatement bind(int index, Object value) {
        requireValue(value);
        if (value instanceof Parameter parameter) {
            if (parameter instanceof Parameter.Out) {
                // An OUT (or INOUT) argument of CALL: its value comes back in the result row.
                current.markOutParameters();
            }
            Object inner = parameter.getValue();
            int oid = PgType.oidOf(parameter.getType());
            if (inner == null) {
                current.bindNullDeclared(checkIndex(index), parameter.getType().getJavaType(), oid, codecs());
            } else {
                current.bindDeclared(checkIndex(index), inner, oid, codecs());
            }
            return this;
        }
        current.bind(checkIndex(index), value, codecs());
        return this;
    }

    @Override
    public PgStatement bind(String name, Object value) {
        return bind(indexOf(name), value);
    }

    @Override
    public PgStatement bindNull(int index, Class<?> type) {
        if (type == null) {
            throw new IllegalArgumentException("Type must not be null");
        }
        current.bindNull(checkIndex(index), type, codecs());
        return this;
    }

    @Override
    public PgStatement bindNull(String name, Class<?> type) {
        return bindNull(indexOf(name), type);
    }

    /**
     * Asks for values of the given columns of the inserted or updated rows, through a {@code RETURNING}
     * clause; with no names (or the single name {@code *}), {@code RETURNING *}.
     *
     * <p>Each name follows {@link Identifiers#qualifiedName}: a plain name is quoted ({@code id} becomes
     * {@code "id"}), an already quoted identifier is used as given (Spring Data R2DBC 4 passes
     * {@code "id"}), {@code t.id} is accepted; anything else is refused.
     *
     * @throws IllegalArgumentException for a null array, a null name, or a name that is not a column name
     */
    @Override
    public PgStatement returnGeneratedValues(String... columns) {
        if (columns == null) {
            throw new IllegalArgumentException("Columns must not be null");
        }
        if (columns.length == 0 || columns.length == 1 && "*".equals(columns[0])) {
            returning = "*";
            return this;
        }
        StringBuilder clause = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            clause.append(i == 0 ? "" : ", ").append(Identifiers.qualifiedName(columns[i], "column"));
        }
        returning = clause.toString();
        return this;
    }

    /**
     * Reads the result {@code rows} rows per round trip (portal suspension) instead of all at once;
     * 0 reads everything at once.
     */
    @Override
    public PgStatement fetchSize(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("Fetch size must not be negative, was " + rows);
        }
        this.fetchSize = rows;
        return this;
    }

    @Override
    public Flux<PgResult> execute() {
        List<Binding> all = new ArrayList<>(bindings);
        if (!bindings.isEmpty() && current.isEmpty() && parameterCount > 0) {
            return Flux.error(new IllegalStateException("add() was called after the last binding, which left an "
                    + "empty binding: remove the trailing add()"));
        }
        if (bindings.isEmpty() || !current.isEmpty()) {
            current.requireComplete();
            all.add(current);
        }
        String text = returning == null ? sql : sql + " RETURNING " + returning;
        int rows = fetchSize;
        Flux<PgResult> results;
        if (simpleProtocol) {
            results = Flux.concat(all.stream().map(b -> executor.simple(text)).toList());
        } else if (all.size() == 1) {
            results = extended(text, all.get(0), rows);
        } else if (rows == 0 && all.stream().noneMatch(Binding::hasLobs) && QueryExecutor.batchable(all)) {
            // One exchange: at most one Parse, every Bind/Execute, one Sync (see the class comment).
            results = executor.batch(text, all);
        } else {
            // Subscribed eagerly so that every binding is queued (pipelined) at once; results stay in order.
            results = Flux.mergeSequential(all.stream().map(b -> extended(text, b, rows)).toList());
        }
        return prelude.apply(results);
    }

    private Flux<PgResult> extended(String text, Binding binding, int rows) {
        if (binding.hasLobs()) {
            return binding.materialize(codecs()).flatMapMany(b -> executor.extended(text, b, rows));
        }
        return executor.extended(text, binding, rows);
    }

    private CodecRegistry codecs() {
        return executor.codecs();
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= parameterCount) {
            throw new IndexOutOfBoundsException("Parameter index " + index + " is out of range: the statement has "
                    + parameterCount + " parameter(s) ($1 to $" + parameterCount + ")");
        }
        return index;
    }

    private int indexOf(String name) {
        if (name == null) {
            throw new IllegalArgumentException("Parameter name must not be null");
        }
        if (name.length() > 1 && name.charAt(0) == '$') {
            try {
                int n = Integer.parseInt(name.substring(1));
                if (n >= 1 && n <= parameterCount) {
                    return n - 1;
                }
            } catch (NumberFormatException e) {
                // not a $n name
            }
        }
        throw new NoSuchElementException("No parameter named '" + name + "': this statement has $1 to $"
                + parameterCount);
    }

    private static void requireValue(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Value must not be null: use bindNull(index, type)");
        }
    }



    @Override
    public String toString() {
        return "PgStatement[" + sql + "]";
    }
}
