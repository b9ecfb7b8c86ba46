package dev.r2dbcpg.client;

import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How rows become Java values: a {@code Map} (column order kept), a record (components matched to columns by
 * name), a bean (setters matched to columns by name) or the first column's value. Column names match a
 * Java name exactly, ignoring case, or as snake_case for camelCase ({@code created_at} for {@code createdAt}).
 * The work of matching is done once per result, from its {@link RowMetadata}, not per row.
 */
final class RowMapping {

    /** Builds a row function for the columns of one result. */
    @FunctionalInterface
    interface Resolver<T> {
        Function<Row, @Nullable T> resolve(RowMetadata metadata);
    }

    private static final Resolver<Map<String, Object>> MAPS = RowMapping::mapsFor;

    private RowMapping() {
    }

    /** Rows as {@code LinkedHashMap}s; a result with a column name twice fails. */
    static Resolver<Map<String, Object>> maps() {
        return MAPS;
    }

    /**
     * The resolver for {@code type}: maps for {@code Map}, the record or bean mapper for a record or a class of
     * the caller's own, the first column for a JDK value type ({@code String}, {@code Long}, {@code UUID} ...)
     * and for arrays.
     */
    @SuppressWarnings("unchecked")
    static <T> Resolver<T> forType(Class<T> type) {
        if (type == Map.class || type == LinkedHashMap.class) {
            return (Resolver<T>) MAPS;
        }
        if (type.isRecord()) {
            return recordResolver(type);
        }
        if (isValueType(type)) {
            return firstColumn(type);
        }
        return beanResolver(type);
    }

    /** The first column, as {@code type}. */
    static <T> Resolver<T> firstColumn(Class<T> type) {
        Class<T> boxed = boxed(type);
        return metadata -> row -> row.get(0, boxed);
    }

    /** A per-result row function: resolves on the first row, then reuses the resolution for every later row. */
    static <T> BiFunction<Row, RowMetadata, Holder<T>> perResult(Resolver<T> resolver) {
        return new BiFunction<>() {
            private @Nullable RowMetadata resolvedFor;
            private @Nullable Function<Row, @Nullable T> function;

            @Override
            public Holder<T> apply(Row row, RowMetadata metadata) {
                Function<Row, @Nullable T> f = function;
                if (f == null || resolvedFor != metadata) {
                    f = resolver.resolve(metadata);
                    function = f;
                    resolvedFor = metadata;
                }
                return new Holder<>(f.apply(row));
            }
        };
    }

    /** A mapped row; null values (a NULL first column) travel in it, as Reactor carries no null. */
    record Holder<T>(@Nullable T value) {
    }

    private static Function<Row, Map<String, Object>> mapsFor(RowMetadata metadata) {
        List<String> names = columnNames(metadata);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer earlier = seen.putIfAbsent(names.get(i), i);
            if (earlier != null) {
                throw new IllegalArgumentException("The result has two columns named \"" + names.get(i)
                        + "\" (columns " + (earlier + 1) + " and " + (i + 1) + " of " + names
                        + "); a row as a Map needs distinct names: give one an alias (AS ...)");
            }
        }
        String[] keys = names.toArray(String[]::new);
        return row -> {
            Map<String, Object> map = new LinkedHashMap<>(keys.length * 4 / 3 + 1);
            for (int i = 0; i < keys.length; i++) {
                map.put(keys[i], row.get(i));
            }
            return map;
        };
    }

    private static <T> Resolver<T> recordResolver(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        Constructor<T> constructor = accessible(type, types);
        return metadata -> {
            List<String> names = columnNames(metadata);
            int[] columns = new int[components.length];
            Class<?>[] boxedTypes = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                columns[i] = columnOf(names, components[i].getName());
                if (columns[i] < 0) {
                    throw new IllegalArgumentException("No column for component '" + components[i].getName()
                            + "' of " + type.getName() + " in the result's columns " + names);
                }
                boxedTypes[i] = boxed(types[i]);
            }
            return row -> {
                Object[] args = new Object[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    args[i] = row.get(columns[i], boxedTypes[i]);
                    if (args[i] == null && types[i].isPrimitive()) {
                        throw new IllegalArgumentException("Column \"" + names.get(columns[i]) + "\" is NULL but "
                                + type.getSimpleName() + "." + components[i].getName() + " is a " + types[i]);
                    }
                }
                return construct(constructor, args);
            };
        };
    }

    private static <T> Resolver<T> beanResolver(Class<T> type) {
        Constructor<T> constructor = accessible(type);
        Map<String, Method> setters = new HashMap<>();
        for (Method m : type.getMethods()) {
            if (m.getName().length() > 3 && m.getName().startsWith("set") && m.getParameterCount() == 1
                    && !Modifier.isStatic(m.getModifiers())) {
                setters.put(normalize(m.getName().substring(3)), m);
            }
        }
        return metadata -> {
            List<String> names = columnNames(metadata);
            List<Integer> columns = new ArrayList<>();
            List<Method> methods = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Method setter = setters.get(normalize(names.get(i)));
                if (setter != null) {
                    columns.add(i);
                    methods.add(setter);
                }
            }
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("No column of " + names + " matches a setter of " + type.getName()
                        + " (setters: " + setters.keySet() + ")");
            }
            int[] index = columns.stream().mapToInt(Integer::intValue).toArray();
            Method[] setter = methods.toArray(Method[]::new);
            Class<?>[] valueTypes = new Class<?>[setter.length];
            for (int i = 0; i < setter.length; i++) {
                valueTypes[i] = boxed(setter[i].getParameterTypes()[0]);
            }
            return row -> {
                T bean = construct(constructor, new Object[0]);
                for (int i = 0; i < index.length; i++) {
                    Object value = row.get(index[i], valueTypes[i]);
                    if (value == null && setter[i].getParameterTypes()[0].isPrimitive()) {
                        continue;
                    }
                    try {
                        setter[i].invoke(bean, value);
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new IllegalStateException("Cannot call " + setter[i] + ": " + e.getMessage(), e);
                    }
                }
                return bean;
            };
        };
    }

    private static List<String> columnNames(RowMetadata metadata) {
        List<String> names = new ArrayList<>();
        for (ColumnMetadata column : metadata.getColumnMetadatas()) {
            names.add(column.getName());
        }
        return names;
    }

    /** The column for a Java name: the exact name first, then case and underscores ignored. */
    private static int columnOf(List<String> names, String javaName) {
        int exact = names.indexOf(javaName);
        if (exact >= 0) {
            return exact;
        }
        String wanted = normalize(javaName);
        for (int i = 0; i < names.size(); i++) {
            if (normalize(names.get(i)).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code created_at}, {@code createdAt} and {@code CreatedAt} are one name. */
    private static String normalize(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static boolean isValueType(Class<?> type) {
        if (type.isPrimitive() || type.isArray() || type.isEnum()) {
            return true;
        }
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("dev.r2dbcpg.core.") || name.startsWith("io.r2dbc.");
    }

    @SuppressWarnings("unchecked")
    static <T> Class<T> boxed(Class<T> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        Object boxed = switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "char" -> Character.class;
            default -> throw new IllegalArgumentException("Cannot read a column as " + type);
        };
        return (Class<T>) boxed;
    }

    private static <T> Constructor<T> accessible(Class<T> type, Class<?>... parameters) {
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(parameters);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " cannot be mapped from rows: it needs "
                    + (parameters.length == 0 ? "a no-argument constructor and setters" : "its canonical constructor")
                    + " (or ask for a value type such as String or Long)", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot access the constructor of " + type.getName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static <T> T construct(Constructor<T> constructor, Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Constructor of " + constructor.getDeclaringClass().getName()
                    + " failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct " + constructor.getDeclaringClass().getName()
                    + ": " + e.getMessage(), e);
        }
    }
}
