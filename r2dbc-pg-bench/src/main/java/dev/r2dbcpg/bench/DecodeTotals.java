package dev.r2dbcpg.bench;

import org.jspecify.annotations.Nullable;

/**
 * What a W7 pass read: the row count and one checksum over every value of the family's columns (terms as
 * {@link DecodeColumn#checksum} computes them, summed with {@code long} overflow), so that no driver can skip
 * decoding a value. Mutable: a pass adds each value with {@link #add} and ends each row with {@link #endRow}.
 */
final class DecodeTotals {

    private final DecodeFamily family;
    private final DecodeColumn[] columns;
    private long rows;
    private long checksum;

    DecodeTotals(DecodeFamily family) {
        this.family = family;
        this.columns = family.columns.toArray(new DecodeColumn[0]);
    }

    DecodeTotals(DecodeFamily family, long rows, long checksum) {
        this(family);
        this.rows = rows;
        this.checksum = checksum;
    }

    /** Adds the value of column {@code index} (0-based, in the order of {@link DecodeFamily#select()}). */
    void add(int index, @Nullable Object value) {
        checksum += columns[index].checksum(value);
    }

    void endRow() {
        rows++;
    }

    /** The number of columns the family selects. */
    int columns() {
        return columns.length;
    }

    long rows() {
        return rows;
    }

    /** Throws {@link WrongResultException} unless these totals equal {@code expected}. */
    void verify(DecodeTotals expected) {
        WrongResultException.check("W7 " + family.parameter() + " rows", expected.rows, rows);
        WrongResultException.check("W7 " + family.parameter() + " checksum", expected.checksum, checksum);
    }

    @Override
    public String toString() {
        return "DecodeTotals[" + family.parameter() + ", rows=" + rows + ", checksum=" + checksum + "]";
    }
}
