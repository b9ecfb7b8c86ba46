/**
 * A real PostgreSQL server for tests, examples and benchmarks.
 *
 * <p>{@link dev.r2dbcpg.testing.PostgresFixture#shared()} returns one server per JVM, chosen in this
 * order: the server named by {@code PG_TEST_URL}; a Testcontainers container when a Docker engine is
 * reachable; otherwise real PostgreSQL binaries from Maven Central, started with {@code initdb} and
 * {@code postgres} on a free port. JUnit 5 tests get it through
 * {@link dev.r2dbcpg.testing.PostgresExtension}.
 */
@NullMarked
package dev.r2dbcpg.testing;

import org.jspecify.annotations.NullMarked;
