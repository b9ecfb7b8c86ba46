package dev.r2dbcpg.core.types;

import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A value of a PostgreSQL range type ({@code int4range}, {@code daterange}, {@code tstzrange},
 * user-defined ranges ...): a lower and an upper bound, each inclusive or exclusive, or infinite
 * (a {@code null} bound), or the empty range.
 *
 * <p>Instances are immutable. Factories apply PostgreSQL's input rules that do not depend on the
 * element type: an infinite bound is never inclusive, bounds that are equal and not both
 * inclusive make the empty range, and a lower bound above the upper bound is rejected (these two
 * checks need {@link Comparable} bounds and are skipped otherwise). Discrete ranges are
 * <em>not</em> canonicalized: {@code Range.closed(1, 5)} is not {@link #equals} to
 * {@code Range.closedOpen(1, 6)}, although the server stores both as {@code [1,6)}; ranges read
 * from the server are already canonical.
 *
 * <p>{@link #contains}, {@link #isSubsetOf} and {@link #isSupersetOf} compare bounds in the range's
 * order: the natural order, unless the range was made with a {@link Comparator} (the subtype's
 * order, which for an enum type is the order of its labels, not of their strings). They throw
 * {@link IllegalStateException} when a bound is not {@link Comparable} and no comparator was
 * given, or when the order of a range they compare is unknown ({@link #ofValid} without a
 * comparator). Two ranges compared with each other are expected to share one order (that of
 * their range type). The order takes no part in {@link #equals}.
 *
 * @param <T> the element type (bound values), e.g. {@code Integer} or {@code LocalDate}
 */
public final class Range<T> {

    /** The natural order; a bound that is not {@link Comparable} fails the comparison. */
    private static final Comparator<Object> NATURAL = Range::compareNaturally;

    private static final Range<?> EMPTY = new Range<>(null, null, false, false, true, NATURAL);
    private static final Range<?> UNBOUNDED = new Range<>(null, null, false, false, false, NATURAL);

    private final @Nullable T lower;
    private final @Nullable T upper;
    private final boolean lowerInclusive;
    private final boolean upperInclusive;
    private final boolean empty;
    /** The subtype's order, or null when it is not known. */
    private final @Nullable Comparator<? super T> order;

    private Range(@Nullable T lower, @Nullable T upper, boolean lowerInclusive, boolean upperInclusive, boolean empty,
            @Nullable Comparator<? super T> order) {
        this.lower = lower;
        this.upper = upper;
        this.lowerInclusive = lowerInclusive;
        this.upperInclusive = upperInclusive;
        this.empty = empty;
        this.order = order;
    }

    /**
     * Returns the empty range ({@code empty}), which contains nothing.
     *
     * @param <T> the element type
     * @return the empty range
     */
    @SuppressWarnings("unchecked")
    public static <T> Range<T> empty() {
        return (Range<T>) EMPTY;
    }

    /**
     * Returns the range with both bounds infinite ({@code (,)}), which contains every value.
     *
     * @param <T> the element type
     * @return the unbounded range
     */
    @SuppressWarnings("unchecked")
    public static <T> Range<T> unbounded() {
        return (Range<T>) UNBOUNDED;
    }

    /**
     * Creates a range from its bounds, as the PostgreSQL constructor functions do
     * ({@code int4range(lower, upper, '[)')}).
     *
     * @param lower          the lower bound, or null for minus infinity
     * @param upper          the upper bound, or null for plus infinity
     * @param lowerInclusive whether the lower bound belongs to the range (ignored when infinite)
     * @param upperInclusive whether the upper bound belongs to the range (ignored when infinite)
     * @param <T>            the element type
     * @return the range; {@link #empty()} when the bounds are equal and not both inclusive
     * @throws IllegalArgumentException when both bounds are {@link Comparable} and lower &gt; upper
     */
    public static <T> Range<T> of(@Nullable T lower, @Nullable T upper, boolean lowerInclusive, boolean upperInclusive) {
        boolean comparable = lower instanceof Comparable && upper instanceof Comparable;
        return create(lower, upper, lowerInclusive, upperInclusive, NATURAL, comparable);
    }

    /**
     * Creates a range from its bounds in the given order, for a subtype whose order is not the
     * natural order of its Java values (the labels of an enum type, strings under a collation):
     * the bounds are checked and compared with {@code order}, here and by {@link #contains},
     * {@link #isSubsetOf} and {@link #isSupersetOf}.
     *
     * @param lower          the lower bound, or null for minus infinity
     * @param upper          the upper bound, or null for plus infinity
     * @param lowerInclusive whether the lower bound belongs to the range (ignored when infinite)
     * @param upperInclusive whether the upper bound belongs to the range (ignored when infinite)
     * @param order          the subtype's order
     * @param <T>            the element type
     * @return the range; {@link #empty()} when the bounds are equal in {@code order} and not both
     *         inclusive
     * @throws IllegalArgumentException when lower &gt; upper in {@code order}
     */
    public static <T> Range<T> of(@Nullable T lower, @Nullable T upper, boolean lowerInclusive, boolean upperInclusive,
            Comparator<? super T> order) {
        if (order == null) {
            throw new IllegalArgumentException("order must not be null");
        }
        return create(lower, upper, lowerInclusive, upperInclusive, order, true);
    }

    /**
     * Creates a range from bounds already valid in the range type's order, as every range read
     * from the server is: nothing is checked or normalized (a lower bound above the upper bound
     * is kept as given). Codecs use this, so that a range whose subtype's order Java does not know
     * (an enum type without a registered Java enum) can still be read.
     *
     * @param lower          the lower bound, or null for minus infinity
     * @param upper          the upper bound, or null for plus infinity
     * @param lowerInclusive whether the lower bound belongs to the range (ignored when infinite)
     * @param upperInclusive whether the upper bound belongs to the range (ignored when infinite)
     * @param order          the subtype's order, or null when it is not known: {@link #contains},
     *                       {@link #isSubsetOf} and {@link #isSupersetOf} then throw
     *                       {@link IllegalStateException} when they need to compare bounds
     * @param <T>            the element type
     * @return the range
     */
    public static <T> Range<T> ofValid(@Nullable T lower, @Nullable T upper, boolean lowerInclusive,
            boolean upperInclusive, @Nullable Comparator<? super T> order) {
        return new Range<>(lower, upper, lower != null && lowerInclusive, upper != null && upperInclusive, false, order);
    }

    private static <T> Range<T> create(@Nullable T lower, @Nullable T upper, boolean lowerInclusive,
            boolean upperInclusive, Comparator<? super T> order, boolean check) {
        if (check && lower != null && upper != null) {
            int c = order.compare(lower, upper);
            if (c > 0) {
                throw new IllegalArgumentException("Range lower bound must be less than or equal to range upper bound: "
                        + lower + " > " + upper);
            }
            if (c == 0 && !(lowerInclusive && upperInclusive)) {
                return empty();
            }
        }
        return new Range<>(lower, upper, lower != null && lowerInclusive, upper != null && upperInclusive, false, order);
    }

    /**
     * Returns {@code [lower,upper)}, the canonical form of discrete ranges.
     *
     * @param lower the inclusive lower bound, or null for minus infinity
     * @param upper the exclusive upper bound, or null for plus infinity
     * @param <T>   the element type
     * @return the range
     */
    public static <T> Range<T> closedOpen(@Nullable T lower, @Nullable T upper) {
        return of(lower, upper, true, false);
    }

    /**
     * Returns {@code [lower,upper]}.
     *
     * @param lower the inclusive lower bound, or null for minus infinity
     * @param upper the inclusive upper bound, or null for plus infinity
     * @param <T>   the element type
     * @return the range
     */
    public static <T> Range<T> closed(@Nullable T lower, @Nullable T upper) {
        return of(lower, upper, true, true);
    }

    /**
     * Returns {@code (lower,upper)}.
     *
     * @param lower the exclusive lower bound, or null for minus infinity
     * @param upper the exclusive upper bound, or null for plus infinity
     * @param <T>   the element type
     * @return the range
     */
    public static <T> Range<T> open(@Nullable T lower, @Nullable T upper) {
        return of(lower, upper, false, false);
    }

    /**
     * Returns {@code (lower,upper]}.
     *
     * @param lower the exclusive lower bound, or null for minus infinity
     * @param upper the inclusive upper bound, or null for plus infinity
     * @param <T>   the element type
     * @return the range
     */
    public static <T> Range<T> openClosed(@Nullable T lower, @Nullable T upper) {
        return of(lower, upper, false, true);
    }

    /**
     * Returns the lower bound.
     *
     * @return the lower bound value, or null when it is infinite or the range is empty
     */
    public @Nullable T lower() {
        return lower;
    }

    /**
     * Returns the upper bound.
     *
     * @return the upper bound value, or null when it is infinite or the range is empty
     */
    public @Nullable T upper() {
        return upper;
    }

    /**
     * Tells whether the lower bound belongs to the range ({@code [}).
     *
     * @return false for an infinite lower bound and for the empty range
     */
    public boolean lowerInclusive() {
        return lowerInclusive;
    }

    /**
     * Tells whether the upper bound belongs to the range ({@code ]}).
     *
     * @return false for an infinite upper bound and for the empty range
     */
    public boolean upperInclusive() {
        return upperInclusive;
    }

    /**
     * Tells whether the range has no lower bound (PostgreSQL {@code lower_inf}).
     *
     * @return true when the lower bound is minus infinity; false for the empty range
     */
    public boolean lowerInfinite() {
        return !empty && lower == null;
    }

    /**
     * Tells whether the range has no upper bound (PostgreSQL {@code upper_inf}).
     *
     * @return true when the upper bound is plus infinity; false for the empty range
     */
    public boolean upperInfinite() {
        return !empty && upper == null;
    }

    /**
     * Tells whether this is the empty range.
     *
     * @return true for {@code empty}
     */
    public boolean isEmpty() {
        return empty;
    }

    /**
     * Tells whether a value lies within the range (PostgreSQL {@code @>} with an element).
     *
     * @param value the value
     * @return false for the empty range
     * @throws IllegalStateException when the bounds are not {@link Comparable}
     */
    public boolean contains(T value) {
        if (empty) {
            return false;
        }
        if (lower != null) {
            int c = compare(this, this, lower, value);
            if (c > 0 || (c == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null) {
            int c = compare(this, this, value, upper);
            return c < 0 || (c == 0 && upperInclusive);
        }
        return true;
    }

    /**
     * Tells whether every value of this range lies in {@code other} (PostgreSQL {@code <@}). The
     * empty range is a subset of every range.
     *
     * @param other the other range
     * @return whether this range is contained in {@code other}
     * @throws IllegalStateException when the bounds are not {@link Comparable}
     */
    public boolean isSubsetOf(Range<T> other) {
        if (empty) {
            return true;
        }
        if (other.empty) {
            return false;
        }
        return compareLower(other, this) <= 0 && compareUpper(this, other) <= 0;
    }

    /**
     * Tells whether every value of {@code other} lies in this range (PostgreSQL {@code @>} with a
     * range).
     *
     * @param other the other range
     * @return whether {@code other} is contained in this range
     * @throws IllegalStateException when the bounds are not {@link Comparable}
     */
    public boolean isSupersetOf(Range<T> other) {
        return other.isSubsetOf(this);
    }

    /** Orders lower bounds: minus infinity first; at equal values an inclusive bound starts earlier. */
    private static <T> int compareLower(Range<T> a, Range<T> b) {
        if (a.lower == null || b.lower == null) {
            return a.lower == null ? (b.lower == null ? 0 : -1) : 1;
        }
        int c = compare(a, b, a.lower, b.lower);
        if (c != 0 || a.lowerInclusive == b.lowerInclusive) {
            return c;
        }
        return a.lowerInclusive ? -1 : 1;
    }

    /** Orders upper bounds: plus infinity last; at equal values an inclusive bound ends later. */
    private static <T> int compareUpper(Range<T> a, Range<T> b) {
        if (a.upper == null || b.upper == null) {
            return a.upper == null ? (b.upper == null ? 0 : 1) : -1;
        }
        int c = compare(a, b, a.upper, b.upper);
        if (c != 0 || a.upperInclusive == b.upperInclusive) {
            return c;
        }
        return a.upperInclusive ? 1 : -1;
    }

    /**
     * Compares two bounds of ranges {@code r} and {@code s} (the same range for {@link #contains})
     * in {@code r}'s order, the one given or else the natural order; fails when either range's
     * order is unknown.
     */
    private static <T> int compare(Range<T> r, Range<T> s, T a, T b) {
        Comparator<? super T> o = r.order;
        if (o == null || s.order == null) {
            throw new IllegalStateException("The order of range bounds " + a + " and " + b + " is not known: read the"
                    + " range with a Java type that has the subtype's order (for an enum type, register a Java enum)"
                    + " or compare in SQL");
        }
        return o.compare(a, b);
    }

    @SuppressWarnings("unchecked")
    private static int compareNaturally(Object a, Object b) {
        if (!(a instanceof Comparable)) {
            throw new IllegalStateException("Range bounds of type " + a.getClass().getName() + " are not Comparable");
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Range)) {
            return false;
        }
        Range<?> r = (Range<?>) o;
        return empty == r.empty && lowerInclusive == r.lowerInclusive && upperInclusive == r.upperInclusive
                && Objects.equals(lower, r.lower) && Objects.equals(upper, r.upper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lower, upper, lowerInclusive, upperInclusive, empty);
    }

    /**
     * Returns the range in PostgreSQL's literal syntax: {@code empty}, {@code [1,5)},
     * {@code (,2020-01-01]}; a bound is written with {@link String#valueOf} and double-quoted
     * when it is empty or contains quotes, backslashes, brackets, parentheses, commas or
     * whitespace (quotes and backslashes doubled), as {@code range_out} does.
     *
     * @return the literal
     */
    @Override
    public String toString() {
        if (empty) {
            return "empty";
        }
        StringBuilder sb = new StringBuilder().append(lowerInclusive ? '[' : '(');
        if (lower != null) {
            appendBound(sb, String.valueOf(lower));
        }
        sb.append(',');
        if (upper != null) {
            appendBound(sb, String.valueOf(upper));
        }
        return sb.append(upperInclusive ? ']' : ')').toString();
    }

    private static void appendBound(StringBuilder sb, String s) {
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == '"' || ch == '\\' || ch == '(' || ch == ')' || ch == '[' || ch == ']' || ch == ','
                    || Character.isWhitespace(ch);
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append(ch);
            }
            sb.append(ch);
        }
        sb.append('"');
    }
}
