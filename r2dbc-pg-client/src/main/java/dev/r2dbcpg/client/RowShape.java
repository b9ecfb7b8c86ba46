package dev.r2dbcpg.client;

import dev.r2dbcpg.core.Identifiers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The columns of rows written in bulk, fixed by the first row, and each row's values in that order.
 *
 * <p>A row is a {@code Map<String, ?>} (a key is a column name, used as given: {@code userId} is the column
 * {@code "userId"}) or a record (a component is a column, its camelCase name turned into snake_case:
 * {@code userId} is the column {@code user_id}, the reverse of what reading into a record does). Every name
 * goes through {@link Identifiers#name}. Every later row must have exactly the first row's columns: the same
 * keys, or the same record class.
 */
final class RowShape {

    private static final ClassValue<RecordColumns> RECORDS = new ClassValue<>() {
        @Override
        protected RecordColumns computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            List<String> names = new ArrayList<>(components.length);
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                names.add(snakeCase(components[i].getName()));
            }
            return new RecordColumns(List.copyOf(names), accessors);
        }
    };

    private record RecordColumns(List<String> names, Method[] accessors) {
    }

    /** The first row's keys (maps), or null for records. */
    private final @Nullable List<String> keys;
    /** The first row's class (records), or null for maps. */
    private final @Nullable Class<?> recordType;
    /** Column names as stored (unquoted), in row order. */
    private final List<String> columns;
    /** Column names as SQL (quoted), in row order. */
    private final List<String> quoted;

    private RowShape(@Nullable List<String> keys, @Nullable Class<?> recordType, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("The first row has no columns: a row needs at least one key or component");
        }
        this.keys = keys;
        this.recordType = recordType;
        List<String> sql = new ArrayList<>(names.size());
        List<String> plain = new ArrayList<>(names.size());
        for (String name : names) {
            sql.add(Identifiers.name(name, "column"));
            plain.add(TableName.column(name));
        }
        this.quoted = List.copyOf(sql);
        this.columns = List.copyOf(plain);
    }

    /** The shape of {@code first}, a {@code Map} with String keys or a record. */
    static RowShape of(Object first) {
        if (first instanceof Map<?, ?> map) {
            return new RowShape(keysOf(map, 0), null, keysOf(map, 0));
        }
        if (first.getClass().isRecord()) {
            return new RowShape(null, first.getClass(), RECORDS.get(first.getClass()).names());
        }
        throw notARow(first, 0);
    }

    /** The number of columns. */
    int size() {
        return columns.size();
    }

    /** Column names as PostgreSQL stores them (quotes removed), in row order. */
    List<String> columns() {
        return columns;
    }

    /** Column names as SQL, each quoted, in row order. */
    List<String> quotedColumns() {
        return quoted;
    }

    /** {@code ("a", "b", ...)}. */
    String columnList() {
        return "(" + String.join(", ", quoted) + ")";
    }

    /**
     * The values of {@code row} in column order.
     *
     * @param index the row's position in the input (from 0), for the error message
     * @throws IllegalArgumentException when the row's keys or class differ from the first row's
     */
    Object[] values(Object row, long index) {
        if (keys != null) {
            if (!(row instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("Row " + index + " is a " + row.getClass().getName()
                        + " but the first row (row 0) is a Map with the keys " + keys);
            }
            if (map.size() != keys.size() || !map.keySet().containsAll(keys)) {
                throw new IllegalArgumentException("Row " + index + " has the keys " + keysOf(map, index)
                        + " but the first row (row 0) has " + keys + ": every row must have the same keys");
            }
            Object[] values = new Object[keys.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = map.get(keys.get(i));
            }
            return values;
        }
        if (row.getClass() != recordType) {
            String what = row instanceof Map<?, ?> map ? "a Map with the keys " + keysOf(map, index)
                    : "a " + row.getClass().getName();
            throw new IllegalArgumentException("Row " + index + " is " + what + " but the first row (row 0) is a "
                    + recordType.getName() + " with the columns " + columns + ": every row must have the same columns");
        }
        Method[] accessors = RECORDS.get(recordType).accessors();
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
            try {
                values[i] = accessors[i].invoke(row);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException("Row " + index + ": cannot read the component "
                        + accessors[i].getName() + " of " + recordType.getName(), e);
            }
        }
        return values;
    }

    /**
     * {@code userId} → {@code user_id}, {@code httpURL} → {@code http_url}, {@code URLPath} → {@code url_path},
     * {@code address2} → {@code address2}: an underscore where a lower-case letter or digit is followed by an
     * upper-case one, and before the last capital of a run of capitals followed by a lower-case letter; then
     * all in lower case.
     */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char before = name.charAt(i - 1);
                boolean afterLower = Character.isLowerCase(before) || Character.isDigit(before);
                boolean endsCapitalRun = Character.isUpperCase(before) && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                if (afterLower || endsCapitalRun) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static List<String> keysOf(Map<?, ?> map, long index) {
        List<String> names = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException("Row " + index + " has the key " + key + " of "
                        + (key == null ? "no class" : key.getClass().getName()) + ": column names must be Strings");
            }
            names.add(name);
        }
        return names;
    }

    private static IllegalArgumentException notARow(Object row, long index) {
        return new IllegalArgumentException("Row " + index + " is a " + row.getClass().getName()
                + ": a row must be a Map<String, ?> or a record");
    }
}
