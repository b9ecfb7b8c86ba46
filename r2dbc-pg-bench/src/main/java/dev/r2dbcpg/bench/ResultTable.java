package dev.r2dbcpg.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders measurements as Markdown: throughput per driver with the ratios of r2dbc-pg to r2dbc-postgresql and to
 * vertx-pg-client, then allocation per operation.
 */
final class ResultTable {

    /** Workload labels in report order; a benchmark class not listed here is reported under its own name. */
    static final Map<String, String> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("W1PointSelect", "W1 point select, 1 connection | ops/s");
        WORKLOADS.put("W2ConcurrentPointSelect", "W2 point select, 64 concurrent on 4 connections | ops/s");
        WORKLOADS.put("W3Stream", "W3 stream 1M rows | rows/s");
        WORKLOADS.put("W4InsertBatches", "W4 load 200k rows, multi-row INSERT batches | rows/s");
        WORKLOADS.put("W4Copy", "W4 load 200k rows, COPY | rows/s");
        WORKLOADS.put("W4ClientBulk/copyInsert", "W4 load 200k records, client copyInsert (binary COPY) | rows/s");
        WORKLOADS.put("W4ClientBulk/insertBatch",
                "W4 load 200k records, client insertBatch (multi-row INSERTs of 1,000 parameters, 16 per batch) | rows/s");
        WORKLOADS.put("W4ClientBulk/insertMany",
                "W4 load 200k records, client insertMany (one INSERT, pipelined binding per row) | rows/s");
        WORKLOADS.put("W5Transaction", "W5 INSERT RETURNING + SELECT + COMMIT | tx/s");
        WORKLOADS.put("W6PoolAcquire", "W6 pool acquire + SELECT 1 + release, 64 callers on 8 connections | ops/s");
        WORKLOADS.put("W6PoolAcquireNoReset",
                "W6 the same with PgSessionReset.none() (r2dbc-pg only; no session reset) | ops/s");
        WORKLOADS.put("W6PooledPointSelect", "W6 pooled point select, 64 callers on 8 connections | ops/s");
        for (DecodeFamily family : DecodeFamily.values()) {
            WORKLOADS.put(decodeWorkload(family), "W7 decode " + family.parameter() + ": " + family.label + " ("
                    + family.columns.size() + " values per row) | rows/s");
        }
    }

    /** The workload name {@link BenchMain#measurements} gives a W7 result: the class, a slash, the family. */
    static String decodeWorkload(DecodeFamily family) {
        return "W7Decode/" + family.parameter();
    }

    private ResultTable() {
    }

    static String render(List<Measurement> measurements) {
        StringBuilder out = new StringBuilder();
        out.append("| workload | unit |");
        for (String driver : Drivers.ALL) {
            out.append(' ').append(driver).append(" |");
        }
        out.append(" r2dbc-pg / r2dbc-postgresql | r2dbc-pg / vertx-pg-client |\n");
        out.append("|---|---|").append("---:|".repeat(Drivers.ALL.size())).append("---:|---:|\n");
        for (String workload : workloads(measurements)) {
            Map<String, Measurement> byDriver = byDriver(measurements, workload);
            out.append("| ").append(WORKLOADS.getOrDefault(workload, workload + " | ops/s")).append(" |");
            for (String driver : Drivers.ALL) {
                Measurement m = byDriver.get(driver);
                out.append(' ').append(m == null ? "n/a" : scoreText(m)).append(" |");
            }
            out.append(' ').append(ratio(byDriver, Drivers.R2DBC_POSTGRESQL)).append(" |")
                    .append(' ').append(ratio(byDriver, Drivers.VERTX)).append(" |\n");
        }
        if (measurements.stream().anyMatch(m -> !Double.isNaN(m.allocatedBytesPerOp()))) {
            out.append("\nAllocation per operation (bytes; per row for W3, W4 and W7), from `-prof gc`:\n\n");
            out.append("| workload |");
            for (String driver : Drivers.ALL) {
                out.append(' ').append(driver).append(" |");
            }
            out.append('\n').append("|---|").append("---:|".repeat(Drivers.ALL.size())).append('\n');
            for (String workload : workloads(measurements)) {
                Map<String, Measurement> byDriver = byDriver(measurements, workload);
                String label = WORKLOADS.getOrDefault(workload, workload);
                out.append("| ").append(label.substring(0, label.indexOf(" |") < 0 ? label.length() : label.indexOf(" |")))
                        .append(" |");
                for (String driver : Drivers.ALL) {
                    Measurement m = byDriver.get(driver);
                    out.append(' ').append(m == null || Double.isNaN(m.allocatedBytesPerOp()) ? "n/a"
                            : String.format(Locale.ROOT, "%,.0f", m.allocatedBytesPerOp())).append(" |");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> workloads(List<Measurement> measurements) {
        List<String> order = new ArrayList<>();
        for (String known : WORKLOADS.keySet()) {
            if (measurements.stream().anyMatch(m -> m.workload().equals(known))) {
                order.add(known);
            }
        }
        for (Measurement m : measurements) {
            if (!order.contains(m.workload())) {
                order.add(m.workload());
            }
        }
        return order;
    }

    private static Map<String, Measurement> byDriver(List<Measurement> measurements, String workload) {
        Map<String, Measurement> byDriver = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            if (m.workload().equals(workload)) {
                byDriver.put(m.driver(), m);
            }
        }
        return byDriver;
    }

    static String scoreText(Measurement m) {
        String score = String.format(Locale.ROOT, "%,.0f", m.score());
        if (Double.isNaN(m.error()) || Double.isInfinite(m.error())) {
            return score;
        }
        return score + String.format(Locale.ROOT, " ± %.0f%%", 100 * m.error() / m.score());
    }

    private static String ratio(Map<String, Measurement> byDriver, String peer) {
        Measurement ours = byDriver.get(Drivers.R2DBC_PG);
        Measurement theirs = byDriver.get(peer);
        if (ours == null || theirs == null || theirs.score() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f×", ours.score() / theirs.score());
    }
}
