package dev.r2dbcpg.core.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A value of a PostgreSQL multirange type (PostgreSQL 14+: {@code int4multirange},
 * {@code datemultirange} ...): an ordered list of non-empty {@link Range}s.
 *
 * <p>Instances are immutable. Factories drop empty ranges, as the server does, but otherwise keep
 * the ranges as given: they are neither sorted nor merged, so two multiranges the server would
 * consider equal compare {@link #equals} only once both are in the server's normalized form
 * (which every multirange read from the server is).
 *
 * @param <T> the element type (bound values)
 */
public final class Multirange<T> {

    private static final Multirange<?> EMPTY = new Multirange<>(List.of());

    private final List<Range<T>> ranges;

    private Multirange(List<Range<T>> ranges) {
        this.ranges = ranges;
    }

    /**
     * Returns the empty multirange ({@code {}}).
     *
     * @param <T> the element type
     * @return the multirange with no ranges
     */
    @SuppressWarnings("unchecked")
    public static <T> Multirange<T> empty() {
        return (Multirange<T>) EMPTY;
    }

    /**
     * Creates a multirange of the given ranges, in order, without the empty ones.
     *
     * @param ranges the ranges
     * @param <T>    the element type
     * @return the multirange
     */
    @SafeVarargs
    public static <T> Multirange<T> of(Range<T>... ranges) {
        return of(List.of(ranges));
    }

    /**
     * Creates a multirange of the given ranges, in order, without the empty ones.
     *
     * @param ranges the ranges; not null, no null elements
     * @param <T>    the element type
     * @return the multirange
     */
    public static <T> Multirange<T> of(List<Range<T>> ranges) {
        List<Range<T>> kept = new ArrayList<>(ranges.size());
        for (Range<T> range : ranges) {
            if (!range.isEmpty()) {
                kept.add(range);
            }
        }
        return kept.isEmpty() ? empty() : new Multirange<>(Collections.unmodifiableList(kept));
    }

    /**
     * Returns the ranges.
     *
     * @return an unmodifiable list of non-empty ranges
     */
    public List<Range<T>> ranges() {
        return ranges;
    }

    /**
     * Tells whether the multirange has no ranges.
     *
     * @return true for {@code {}}
     */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * Tells whether a value lies within one of the ranges.
     *
     * @param value the value
     * @return whether some range contains {@code value}
     * @throws IllegalStateException when the bounds are not {@link Comparable}
     */
    public boolean contains(T value) {
        for (Range<T> range : ranges) {
            if (range.contains(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return this == o || (o instanceof Multirange && ranges.equals(((Multirange<?>) o).ranges));
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    /**
     * Returns the multirange in PostgreSQL's literal syntax, e.g. {@code {[1,3),[5,7)}}.
     *
     * @return the literal
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < ranges.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(ranges.get(i));
        }
        return sb.append('}').toString();
    }
}
