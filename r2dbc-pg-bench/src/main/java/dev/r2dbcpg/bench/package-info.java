/**
 * JMH benchmarks of r2dbc-pg against r2dbc-postgresql, vertx-pg-client and pgjdbc (with HikariCP), and the
 * runner ({@link dev.r2dbcpg.bench.BenchMain}) that starts the embedded server, runs a profile and writes a
 * Markdown table.
 *
 * <p>One JMH class per workload ({@code W1PointSelect} ... {@code W7Decode}); each has a {@code driver}
 * parameter (W7 also a {@code family}) and talks to the driver through {@link dev.r2dbcpg.bench.BenchDriver}. Every operation checks its
 * result and throws {@link dev.r2dbcpg.bench.WrongResultException} when it is wrong.
 */
@org.jspecify.annotations.NullMarked
package dev.r2dbcpg.bench;
