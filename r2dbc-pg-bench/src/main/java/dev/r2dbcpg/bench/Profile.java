package dev.r2dbcpg.bench;

import java.util.List;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long a run measures: {@code quick} (under 5 minutes) or {@code full} (under 30).
 *
 * <p>W7 ({@link W7Decode}) has iterations of its own: it has a benchmark per driver and type family (44 in all),
 * and a forked JVM costs seconds before the first iteration, so at the workloads' iteration counts W7 alone
 * would take longer than the rest of the run. {@code quick} measures only the {@code mixed} family (one column
 * of each family, so every codec is still exercised and checked); {@code full} measures every family.
 */
enum Profile {

    /**
     * One fork, one 1 s warm-up, two 1 s measurements per benchmark, without {@link W6PooledPointSelect}; W7:
     * {@code mixed} only, r2dbc-pg and r2dbc-postgresql only, two 1 s warm-ups (after one, r2dbc-pg's numeric
     * decoding still ran at a third of its speed) and two 1 s measurements. A forked JVM costs about 6 s before
     * its first iteration, which is most of a quick run.
     */
    QUICK(new Iterations(1, 1, TimeValue.seconds(1), 2, TimeValue.seconds(1)),
            new Iterations(1, 2, TimeValue.seconds(1), 2, TimeValue.seconds(1)),
            List.of("mixed"), List.of(Drivers.R2DBC_PG, Drivers.R2DBC_POSTGRESQL),
            List.of("dev\\.r2dbcpg\\.bench\\.W6PooledPointSelect\\.")),
    /**
     * One fork, with two 3 s warm-ups and four 3 s measurements per benchmark; W7: every family and driver, one
     * fork with two 1 s warm-ups and two 2 s measurements.
     */
    FULL(new Iterations(1, 2, TimeValue.seconds(3), 4, TimeValue.seconds(3)),
            new Iterations(1, 2, TimeValue.seconds(1), 2, TimeValue.seconds(2)),
            List.of(), List.of(), List.of());

    /** The iterations of W1 to W6. */
    final Iterations workloads;
    /** The iterations of W7. */
    final Iterations decode;
    /** W7's {@code family} values; empty for all of them (the class's own list). */
    final List<String> decodeFamilies;
    /** W7's {@code driver} values; empty for all of them. */
    final List<String> decodeDrivers;
    /** Benchmarks of W1 to W6 left out (JMH exclude patterns), unless the command line names what to run. */
    final List<String> excludes;

    Profile(Iterations workloads, Iterations decode, List<String> decodeFamilies, List<String> decodeDrivers,
            List<String> excludes) {
        this.workloads = workloads;
        this.decode = decode;
        this.decodeFamilies = decodeFamilies;
        this.decodeDrivers = decodeDrivers;
        this.excludes = excludes;
    }

    static Profile parse(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("Profile must be quick or full, was " + name);
        };
    }

    /** JMH's iteration settings of one pass. */
    record Iterations(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
            TimeValue measurementTime) {
    }
}
