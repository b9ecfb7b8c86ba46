package dev.r2dbcpg.bench;

import org.openjdk.jmh.runner.options.TimeValue;

/** How long a run measures: {@code quick} (under 5 minutes) or {@code full} (under 30). */
enum Profile {

    /** One fork, one 2 s warm-up, two 2 s measurements per benchmark. */
    QUICK(1, 1, TimeValue.seconds(2), 2, TimeValue.seconds(2)),
    /** Two forks, each with two 4 s warm-ups and four 4 s measurements per benchmark. */
    FULL(2, 2, TimeValue.seconds(4), 4, TimeValue.seconds(4));

    final int forks;
    final int warmupIterations;
    final TimeValue warmupTime;
    final int measurementIterations;
    final TimeValue measurementTime;

    Profile(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
            TimeValue measurementTime) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
    }

    static Profile parse(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("Profile must be quick or full, was " + name);
        };
    }
}
