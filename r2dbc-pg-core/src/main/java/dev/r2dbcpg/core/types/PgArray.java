package dev.r2dbcpg.core.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL array with its shape: the size and lower bound of each dimension, and the elements
 * in row-major order. Where {@code Row.get(i)} gives a Java array indexed from 0,
 * {@code Row.get(i, PgArray.class)} keeps the bounds the server has ({@code '[2:3]={1,2}'}), and a
 * bound {@code PgArray} sends them, in binary, as given.
 *
 * <p>Elements are decoded to the element type's default Java type ({@code null} for NULL); when
 * bound, they pick the array type as a {@code List} of them would ({@code Integer} elements make an
 * {@code int4[]}, {@link Composite}s of a composite type that type's array). The empty array has no
 * dimensions. Instances are immutable (an element that is itself mutable, such as a
 * {@code byte[]}, is shared); equality compares dimensions, lower bounds and elements, arrays by
 * content. {@code toString()} prints PostgreSQL's text form, with the bounds prefix when some lower
 * bound is not 1: {@code [2:3]={1,2}}, {@code {{1,2},{3,4}}}, {@code {}}.
 */
public final class PgArray {

    /** PostgreSQL's MAXDIM. */
    private static final int MAX_DIMENSIONS = 6;
    private static final PgArray EMPTY = new PgArray(new int[0], new int[0], List.of());

    private final int[] dimensions;
    private final int[] lowerBounds;
    private final List<@Nullable Object> elements;

    private PgArray(int[] dimensions, int[] lowerBounds, List<@Nullable Object> elements) {
        this.dimensions = dimensions;
        this.lowerBounds = lowerBounds;
        this.elements = elements;
    }

    /**
     * Returns the empty array ({@code {}}), which has no dimensions.
     *
     * @return the empty array
     */
    public static PgArray empty() {
        return EMPTY;
    }

    /**
     * Creates a one-dimensional array with lower bound 1.
     *
     * @param elements the elements, {@code null} for NULL
     * @return the array; {@link #empty()} when there are no elements
     */
    public static PgArray of(List<? extends @Nullable Object> elements) {
        return of(new int[] {elements.size()}, new int[] {1}, elements);
    }

    /**
     * Creates an array of any shape.
     *
     * @param dimensions  the size of each dimension, outermost first (at most 6)
     * @param lowerBounds the index of the first element in each dimension, as many as dimensions
     * @param elements    the elements in row-major order (the last index varies fastest),
     *                    {@code null} for NULL
     * @return the array; {@link #empty()} when some dimension has size 0
     * @throws IllegalArgumentException when the counts do not match, a size is negative, there are
     *                                  more than 6 dimensions, or an upper bound would overflow
     */
    public static PgArray of(int[] dimensions, int[] lowerBounds, List<? extends @Nullable Object> elements) {
        if (dimensions.length != lowerBounds.length) {
            throw new IllegalArgumentException(dimensions.length + " dimensions but " + lowerBounds.length
                    + " lower bounds");
        }
        if (dimensions.length > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("Arrays have at most " + MAX_DIMENSIONS + " dimensions, not "
                    + dimensions.length);
        }
        long count = dimensions.length == 0 ? 0 : 1;
        for (int i = 0; i < dimensions.length; i++) {
            if (dimensions[i] < 0 || (long) lowerBounds[i] + dimensions[i] - 1 > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Invalid dimension " + (i + 1) + ": size " + dimensions[i]
                        + ", lower bound " + lowerBounds[i]);
            }
            count *= dimensions[i];
        }
        if (count != elements.size()) {
            throw new IllegalArgumentException("Dimensions " + Arrays.toString(dimensions) + " need " + count
                    + " elements, got " + elements.size());
        }
        if (count == 0) {
            return EMPTY;
        }
        return new PgArray(dimensions.clone(), lowerBounds.clone(),
                Collections.unmodifiableList(new ArrayList<>(elements)));
    }

    /**
     * Returns the number of dimensions ({@code array_ndims}).
     *
     * @return 0 for the empty array
     */
    public int ndims() {
        return dimensions.length;
    }

    /**
     * Returns the size of each dimension, outermost first.
     *
     * @return a new array
     */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /**
     * Returns the lower bound of each dimension ({@code array_lower}), outermost first.
     *
     * @return a new array
     */
    public int[] lowerBounds() {
        return lowerBounds.clone();
    }

    /**
     * Returns the elements in row-major order.
     *
     * @return an unmodifiable list whose NULL elements are {@code null}
     */
    public List<@Nullable Object> elements() {
        return elements;
    }

    /**
     * Returns one element by its PostgreSQL subscripts, which start at each dimension's lower bound.
     *
     * @param subscripts one subscript per dimension ({@code a[2][1]} is {@code get(2, 1)})
     * @return the element, {@code null} for NULL
     * @throws IndexOutOfBoundsException when a subscript is outside its dimension or their number
     *                                   is not the number of dimensions
     */
    public @Nullable Object get(int... subscripts) {
        if (subscripts.length != dimensions.length) {
            throw new IndexOutOfBoundsException(subscripts.length + " subscripts for " + dimensions.length
                    + " dimensions");
        }
        int index = 0;
        for (int i = 0; i < dimensions.length; i++) {
            int k = subscripts[i] - lowerBounds[i];
            if (k < 0 || k >= dimensions[i]) {
                throw new IndexOutOfBoundsException("Subscript " + subscripts[i] + " is outside ["
                        + lowerBounds[i] + ":" + (lowerBounds[i] + dimensions[i] - 1) + "]");
            }
            index = index * dimensions[i] + k;
        }
        return elements.get(index);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PgArray other && Arrays.equals(dimensions, other.dimensions)
                && Arrays.equals(lowerBounds, other.lowerBounds) && Elements.deepEquals(elements, other.elements);
    }

    @Override
    public int hashCode() {
        return Elements.deepHashCode(Arrays.hashCode(dimensions) * 31 + Arrays.hashCode(lowerBounds), elements);
    }

    /**
     * Returns the array in PostgreSQL's text form, as {@code array_out} writes it: the bounds
     * prefix ({@code [0:1][1:2]=}) when some lower bound is not 1, NULL elements as {@code NULL},
     * and each element written with {@link String#valueOf} and double-quoted when it is empty, is
     * {@code NULL}, or contains quotes, backslashes, braces, commas or whitespace.
     *
     * @return the literal
     */
    @Override
    public String toString() {
        if (dimensions.length == 0) {
            return "{}";
        }
        StringBuilder out = new StringBuilder();
        if (Arrays.stream(lowerBounds).anyMatch(b -> b != 1)) {
            for (int i = 0; i < dimensions.length; i++) {
                out.append('[').append(lowerBounds[i]).append(':').append(lowerBounds[i] + dimensions[i] - 1).append(']');
            }
            out.append('=');
        }
        appendLevel(out, 0, new int[] {0});
        return out.toString();
    }

    private void appendLevel(StringBuilder out, int depth, int[] next) {
        out.append('{');
        for (int i = 0; i < dimensions[depth]; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (depth < dimensions.length - 1) {
                appendLevel(out, depth + 1, next);
                continue;
            }
            Object element = elements.get(next[0]++);
            if (element == null) {
                out.append("NULL");
            } else {
                appendElement(out, element instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(element));
            }
        }
        out.append('}');
    }

    private static void appendElement(StringBuilder out, String text) {
        boolean quote = text.isEmpty() || text.equalsIgnoreCase("NULL");
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || Character.isWhitespace(c);
        }
        if (!quote) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
