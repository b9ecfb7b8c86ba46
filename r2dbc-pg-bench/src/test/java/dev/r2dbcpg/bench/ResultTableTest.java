package dev.r2dbcpg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

class ResultTableTest {

    @Test
    void rendersOneRowPerWorkloadWithRatiosToBothReactivePeers() {
        String table = ResultTable.render(List.of(
                new Measurement("W1PointSelect", Drivers.R2DBC_PG, 20_000, 1_000, 1_200),
                new Measurement("W1PointSelect", Drivers.R2DBC_POSTGRESQL, 10_000, 500, 9_000),
                new Measurement("W1PointSelect", Drivers.VERTX, 16_000, Double.NaN, 1_500),
                new Measurement("W1PointSelect", Drivers.PGJDBC, 25_000, 250, 800)));

        assertThat(table).contains("| W1 point select, 1 connection | ops/s | 20,000 ± 5% | 10,000 ± 5% | 16,000 "
                + "| 25,000 ± 1% | 2.00× | 1.25× |");
        assertThat(table).contains("| W1 point select, 1 connection | 1,200 | 9,000 | 1,500 | 800 |");
    }

    @Test
    void marksDriversWithoutAWorkloadAsNotApplicable() {
        String table = ResultTable.render(List.of(new Measurement("W4Copy", Drivers.PGJDBC, 500_000, 0, Double.NaN)));

        assertThat(table).contains("| W4 load 200k rows, COPY | rows/s | n/a | n/a | n/a | 500,000 ± 0% | n/a | n/a |");
        assertThat(table).doesNotContain("Allocation per operation");
    }

    @Test
    void ordersKnownWorkloadsByNumberAndKeepsUnknownOnesUnderTheirClassName() {
        String table = ResultTable.render(List.of(
                new Measurement("W9Unknown", Drivers.R2DBC_PG, 1, 0, Double.NaN),
                new Measurement("W6PoolAcquire", Drivers.R2DBC_PG, 4, 0, Double.NaN),
                new Measurement("W5Transaction", Drivers.R2DBC_PG, 2, 0, Double.NaN),
                new Measurement("W1PointSelect", Drivers.R2DBC_PG, 3, 0, Double.NaN)));

        assertThat(table.indexOf("W1 point select")).isLessThan(table.indexOf("W5 INSERT RETURNING"));
        assertThat(table.indexOf("W5 INSERT RETURNING")).isLessThan(table.indexOf("W6 pool acquire"));
        assertThat(table.indexOf("W6 pool acquire")).isLessThan(table.indexOf("| W9Unknown | ops/s |"));
    }

    @Test
    void labelsEveryDecodeFamilyAfterTheOtherWorkloadsWithTheRatiosOfItsOwnRow() {
        String table = ResultTable.render(List.of(
                new Measurement("W7Decode/numeric", Drivers.R2DBC_PG, 400_000, 40_000, 180),
                new Measurement("W7Decode/numeric", Drivers.R2DBC_POSTGRESQL, 100_000, Double.NaN, 900),
                new Measurement("W7Decode/integers", Drivers.R2DBC_PG, 900_000, 0, 100),
                new Measurement("W7Decode/integers", Drivers.VERTX, 1_800_000, 0, 60),
                new Measurement("W3Stream", Drivers.R2DBC_PG, 1, 0, 1)));

        String integers = "W7 decode integers: int2, int4, int8 (3 values per row)";
        String numeric = "W7 decode numeric: numeric(12,2), numeric of 33 digits, multiples of 1e6 (3 values per row)";
        assertThat(table).contains("| " + integers + " | rows/s | 900,000 ± 0% | n/a | 1,800,000 ± 0% | n/a | n/a | 0.50× |");
        assertThat(table).contains("| " + numeric + " | rows/s | 400,000 ± 10% | 100,000 | n/a | n/a | 4.00× | n/a |");
        assertThat(table).contains("| " + numeric + " | 180 | 900 | n/a | n/a |");
        assertThat(table).contains("per row for W3, W4 and W7");
        assertThat(table.indexOf("W3 stream")).isLessThan(table.indexOf(integers));
        assertThat(table.indexOf(integers)).isLessThan(table.indexOf(numeric));
    }

    @Test
    void theBenchmarksFamilyParameterListsEveryFamily() throws NoSuchFieldException {
        String[] parameters = W7Decode.class.getField("family").getAnnotation(Param.class).value();

        assertThat(parameters).containsExactly(
                Arrays.stream(DecodeFamily.values()).map(DecodeFamily::parameter).toArray(String[]::new));
    }

    @Test
    void everyDecodeFamilyHasALabel() {
        for (DecodeFamily family : DecodeFamily.values()) {
            assertThat(ResultTable.WORKLOADS.get(ResultTable.decodeWorkload(family)))
                    .startsWith("W7 decode " + family.parameter() + ": ").endsWith(" | rows/s");
        }
    }
}
