/**
 * The R2DBC SPI implementation: {@link dev.r2dbcpg.core.PgConnectionFactory} and the objects it makes.
 *
 * <p>This package holds the public SPI objects only. They are thin: they validate arguments and hand the
 * work to the internal statement engine ({@code dev.r2dbcpg.core.engine}), which builds protocol conversations and
 * adapts their sinks to {@code Flux}/{@code Mono}. Obtain a factory with
 * {@code ConnectionFactories.get("r2dbc:postgresql://user:password@host:5432/db")} or
 * {@link dev.r2dbcpg.core.PgConnectionFactory#create(dev.r2dbcpg.core.config.PgConnectionConfiguration)}.
 */
@NullMarked
package dev.r2dbcpg.core;

import org.jspecify.annotations.NullMarked;
