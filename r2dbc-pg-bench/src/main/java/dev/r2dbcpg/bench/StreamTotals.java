package dev.r2dbcpg.bench;

import java.time.OffsetDateTime;

/**
 * What a W3 pass read: the row count and a sum over every column, so that no driver can skip decoding a
 * value. Mutable: a pass adds each row with {@link #add}; the expected totals come from the server.
 */
final class StreamTotals {

    private long rows;
    private long idSum;
    private long textLengthSum;
    private long epochSecondSum;
    private double valueSum;

    StreamTotals() {
    }

    StreamTotals(long rows, long idSum, long textLengthSum, long epochSecondSum, double valueSum) {
        this.rows = rows;
        this.idSum = idSum;
        this.textLengthSum = textLengthSum;
        this.epochSecondSum = epochSecondSum;
        this.valueSum = valueSum;
    }

    /** Adds one row of {@code bench_stream}. */
    void add(long id, String text, double value, OffsetDateTime timestamp) {
        rows++;
        idSum += id;
        textLengthSum += text.length();
        valueSum += value;
        epochSecondSum += timestamp.toEpochSecond();
    }

    long rows() {
        return rows;
    }

    /**
     * Throws {@link WrongResultException} unless these totals equal {@code expected}. The float sum is exact
     * for this data set (multiples of 0.5 far below 2^53), so it is compared exactly too.
     */
    void verify(StreamTotals expected) {
        WrongResultException.check("W3 rows", expected.rows, rows);
        WrongResultException.check("W3 sum(id)", expected.idSum, idSum);
        WrongResultException.check("W3 sum(length(txt))", expected.textLengthSum, textLengthSum);
        WrongResultException.check("W3 sum(epoch(ts))", expected.epochSecondSum, epochSecondSum);
        if (Double.compare(expected.valueSum, valueSum) != 0) {
            throw new WrongResultException("W3 sum(val): expected " + expected.valueSum + " but was " + valueSum);
        }
    }

    @Override
    public String toString() {
        return "StreamTotals[rows=" + rows + ", idSum=" + idSum + ", textLengthSum=" + textLengthSum
                + ", epochSecondSum=" + epochSecondSum + ", valueSum=" + valueSum + "]";
    }
}
