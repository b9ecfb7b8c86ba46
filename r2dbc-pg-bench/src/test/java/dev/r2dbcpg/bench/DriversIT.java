package dev.r2dbcpg.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs one operation of every workload through every driver against the real server, so that a broken
 * benchmark shows up in the build and not after half an hour of JMH.
 */
class DriversIT {

    private static final BenchDatabase DB = BenchDatabase.shared();

    @ParameterizedTest
    @ValueSource(strings = {Drivers.R2DBC_PG, Drivers.R2DBC_POSTGRESQL, Drivers.VERTX, Drivers.PGJDBC})
    void everyWorkloadReturnsWhatTheDataSetHolds(String driver) {
        StreamTotals expected = DB.expectedStreamTotals();
        LoadRows rows = LoadRows.generate(1_000);
        try (BenchDriver client = Drivers.open(driver, DB, 4)) {
            assertThat(client.pointSelect(42)).isEqualTo(BenchDatabase.pointValue(42));

            int[] ids = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10_000};
            long sum = 0;
            for (int id : ids) {
                sum += BenchDatabase.pointValue(id);
            }
            assertThat(client.pointSelectConcurrently(ids)).isEqualTo(sum);

            assertThat(client.transaction(123_456)).isEqualTo(123_456);

            DB.execute("TRUNCATE bench_load");
            rows.verifyLoaded(DB, client.insertBatches(rows));

            StreamTotals read = client.stream();
            read.verify(expected);
            assertThat(read.rows()).isEqualTo(BenchDatabase.STREAM_ROWS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Drivers.R2DBC_PG, Drivers.R2DBC_POSTGRESQL, Drivers.VERTX, Drivers.PGJDBC})
    void everyDecodeFamilyReadsTheValuesTheServerHolds(String driver) {
        try (BenchDriver client = Drivers.open(driver, DB, 1)) {
            // every family, so that one mismatch does not hide the others
            assertAll(Arrays.stream(DecodeFamily.values()).map(family -> () -> {
                DecodeTotals read = client.decode(family);
                read.verify(DB.expectedDecodeTotals(family));
                assertThat(read.rows()).isEqualTo(BenchDatabase.DECODE_ROWS);
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Drivers.PGJDBC, Drivers.R2DBC_PG})
    void copyLoadsEveryRow(String driver) {
        LoadRows rows = LoadRows.generate(1_000);
        DB.execute("TRUNCATE bench_load");
        try (BulkCopy copy = BulkCopy.open(driver, DB)) {
            rows.verifyLoaded(DB, copy.copyIn(rows));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Drivers.R2DBC_PG, PooledClient.R2DBC_PG_NORESET, Drivers.R2DBC_POSTGRESQL, Drivers.VERTX,
            Drivers.PGJDBC})
    void everyPoolServesConcurrentCallers(String driver) throws Exception {
        try (PooledClient pool = PooledClient.open(driver, DB)) {
            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(16);
            try {
                java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int id = i + 1;
                    answers.add(callers.submit(() -> pool.acquireQueryRelease()
                            + (int) (pool.pointSelect(id) - BenchDatabase.pointValue(id))));
                }
                for (java.util.concurrent.Future<Integer> answer : answers) {
                    assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }
}
