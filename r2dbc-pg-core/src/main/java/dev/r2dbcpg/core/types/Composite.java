package dev.r2dbcpg.core.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A value of a composite type ({@code CREATE TYPE ... AS (...)}, a table's row type) or an
 * anonymous record ({@code ROW(1, 'a')}): the attributes in order, each with a name and a value
 * decoded to its type's default Java type ({@code null} for NULL). Anonymous records have no
 * attribute names from the server; they are named {@code f1}, {@code f2} ... as PostgreSQL does
 * for {@code row_to_json}.
 *
 * <p>A value binds ({@code Statement.bind}) as the composite type named by {@link #typeName()}, in
 * binary, attributes by position: the names must be the type's attribute names, in order (a
 * value read from the server has them). The name is matched, as {@code pg_type.typname} (no
 * schema, no quotes), against the composite types the connection factory has learned or
 * registered; a type not learned yet is taken from the statement, which must then give the
 * parameter that type ({@code $1::address}, or a column of it). Attribute values are those
 * {@code Row.get} gives (nested {@code Composite}s, arrays or lists for array attributes).
 * Anonymous records ({@code record}) cannot be bound: PostgreSQL takes no binary record input.
 *
 * <p>Instances are immutable (a value that is itself mutable, such as an array, is shared);
 * equality compares the type name, the attribute names and the values, arrays by content.
 * {@code toString()} prints PostgreSQL's text form, {@code (1,"a b",)}.
 */
public final class Composite {

    private final String typeName;
    private final List<String> names;
    private final List<@Nullable Object> values;

    private Composite(String typeName, List<String> names, List<@Nullable Object> values) {
        this.typeName = typeName;
        this.names = names;
        this.values = values;
    }

    /**
     * Creates a value, for example to bind:
     * {@code Composite.of("address", List.of("street", "number"), List.of("Main St", 5))}.
     *
     * @param typeName the composite type's name ({@code pg_type.typname}, without schema), or
     *                 {@code record} for an anonymous record
     * @param names    the attribute names, in order
     * @param values   the attribute values in the same order, {@code null} for NULL
     * @return the value
     * @throws IllegalArgumentException when the lists differ in size
     */
    public static Composite of(String typeName, List<String> names, List<? extends @Nullable Object> values) {
        if (names.size() != values.size()) {
            throw new IllegalArgumentException(names.size() + " attribute names for " + values.size() + " values");
        }
        return new Composite(typeName, List.copyOf(names), Collections.unmodifiableList(new ArrayList<>(values)));
    }

    /**
     * Returns the composite type's name.
     *
     * @return the type name, {@code record} for an anonymous record
     */
    public String typeName() {
        return typeName;
    }

    /**
     * Returns the number of attributes.
     *
     * @return the attribute count
     */
    public int size() {
        return values.size();
    }

    /**
     * Returns the attribute names in order.
     *
     * @return an unmodifiable list
     */
    public List<String> names() {
        return names;
    }

    /**
     * Returns the attribute values in order.
     *
     * @return an unmodifiable list whose NULL attributes are {@code null}
     */
    public List<@Nullable Object> values() {
        return values;
    }

    /**
     * Returns one attribute's value by position.
     *
     * @param index the position, from 0
     * @return the value, {@code null} for NULL
     * @throws IndexOutOfBoundsException when there is no such attribute
     */
    public @Nullable Object get(int index) {
        return values.get(index);
    }

    /**
     * Returns one attribute's value by name (exact match).
     *
     * @param name the attribute name
     * @return the value, {@code null} for NULL
     * @throws IllegalArgumentException when there is no attribute of that name
     */
    public @Nullable Object get(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("No attribute named '" + name + "' in " + typeName + names);
        }
        return values.get(index);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Composite other && typeName.equals(other.typeName) && names.equals(other.names)
                && Elements.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Elements.deepHashCode(typeName.hashCode() * 31 + names.hashCode(), values);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values.get(i);
            if (value != null) {
                String text = value instanceof Object[] array ? Arrays.deepToString(array) : value.toString();
                appendQuoted(out, text);
            }
        }
        return out.append(')').toString();
    }

    private static void appendQuoted(StringBuilder out, String text) {
        boolean quote = text.isEmpty();
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || Character.isWhitespace(c);
        }
        if (!quote) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append(c);
            }
            out.append(c);
        }
        out.append('"');
    }
}
