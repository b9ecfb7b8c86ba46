package dev.r2dbcpg.core.types;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL {@code pg_lsn}: a write-ahead log position, an unsigned 64-bit number printed as
 * two hex halves ({@code 16/B374D848}). Ordered as unsigned numbers.
 */
public final class Lsn implements Comparable<Lsn> {

    /** The invalid position {@code 0/0}. */
    public static final Lsn INVALID = new Lsn(0);

    private final long value;

    private Lsn(long value) {
        this.value = value;
    }

    /**
     * Returns the position of a 64-bit value.
     *
     * @param value the position, read as unsigned
     * @return the LSN
     */
    public static Lsn of(long value) {
        return value == 0 ? INVALID : new Lsn(value);
    }

    /**
     * Parses {@code high/low}, each 1 to 8 hex digits.
     *
     * @param text e.g. {@code 16/B374D848}
     * @return the LSN
     * @throws IllegalArgumentException when the text is not in that form
     */
    public static Lsn parse(CharSequence text) {
        String s = text.toString();
        int slash = s.indexOf('/');
        try {
            String high = s.substring(0, slash);
            String low = s.substring(slash + 1);
            if (high.isEmpty() || low.isEmpty() || high.length() > 8 || low.length() > 8
                    || high.charAt(0) == '+' || low.charAt(0) == '+' || high.charAt(0) == '-' || low.charAt(0) == '-') {
                throw new NumberFormatException(s);
            }
            return of(Long.parseLong(high, 16) << 32 | Long.parseLong(low, 16));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("Malformed PostgreSQL pg_lsn: \"" + s + '"', e);
        }
    }

    /**
     * Returns the position as a long.
     *
     * @return the 64 bits; positions past {@code 7FFFFFFF/FFFFFFFF} are negative
     */
    public long asLong() {
        return value;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /**
     * Returns the position as PostgreSQL prints it.
     *
     * @return upper-case hex halves, e.g. {@code 16/B374D848}
     */
    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(value & 0xFFFF_FFFFL).toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Lsn && ((Lsn) o).value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }
}
