package dev.r2dbcpg.bench;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The rows W4 loads into {@code bench_load}: {@code id = i + 1}, a 32-character text, {@code val = i * 0.25}
 * and a timestamp one second apart, generated once per trial so that every driver loads the same values.
 */
final class LoadRows {

    /** The row count the issue asks for. */
    static final int DEFAULT_ROWS = 200_000;
    /** Rows per multi-row {@code INSERT} statement: 4 parameters each, 400 per statement. */
    static final int ROWS_PER_INSERT = 100;

    private static final OffsetDateTime BASE = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    final long[] ids;
    final String[] texts;
    final double[] values;
    final OffsetDateTime[] timestamps;

    private LoadRows(int count) {
        ids = new long[count];
        texts = new String[count];
        values = new double[count];
        timestamps = new OffsetDateTime[count];
        for (int i = 0; i < count; i++) {
            ids[i] = i + 1L;
            texts[i] = String.format("%032x", (long) i * 0x9E3779B97F4A7C15L);
            values[i] = i * 0.25;
            timestamps[i] = BASE.plusSeconds(i);
        }
    }

    /** {@code count} rows; {@code count} must be a multiple of {@link #ROWS_PER_INSERT}. */
    static LoadRows generate(int count) {
        if (count <= 0 || count % ROWS_PER_INSERT != 0) {
            throw new IllegalArgumentException("Row count must be a positive multiple of " + ROWS_PER_INSERT
                    + ", was " + count);
        }
        return new LoadRows(count);
    }

    int size() {
        return ids.length;
    }

    /** {@code sum(id)} once loaded. */
    long idSum() {
        long n = ids.length;
        return n * (n + 1) / 2;
    }

    /** The multi-row {@code INSERT} of {@code rows} rows: {@code VALUES ($1, $2, $3, $4), ($5, ...)...}. */
    static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO bench_load (id, txt, val, ts) VALUES ");
        for (int r = 0; r < rows; r++) {
            int p = r * 4;
            sql.append(r == 0 ? "" : ", ").append("($").append(p + 1).append(", $").append(p + 2)
                    .append(", $").append(p + 3).append(", $").append(p + 4).append(')');
        }
        return sql.toString();
    }

    /** Throws unless {@code bench_load} holds exactly these rows (by count and {@code sum(id)}). */
    void verifyLoaded(BenchDatabase db, long reportedRows) {
        WrongResultException.check("W4 rows reported by the driver", size(), reportedRows);
        long[] countAndSum = db.countAndSum("bench_load");
        WrongResultException.check("W4 count(*) of bench_load", size(), countAndSum[0]);
        WrongResultException.check("W4 sum(id) of bench_load", idSum(), countAndSum[1]);
    }
}
