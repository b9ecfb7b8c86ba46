/**
 * A PostgreSQL-aware connection pool on reactor-pool: {@link dev.r2dbcpg.pool.PgPool} is itself an R2DBC
 * {@code ConnectionFactory}. Configure it with {@link dev.r2dbcpg.pool.PgPoolConfiguration#builder()} or an
 * R2DBC URL such as {@code r2dbc:pgpool://user:password@host/db?maxSize=20}
 * ({@link dev.r2dbcpg.pool.PgPoolConnectionFactoryProvider}).
 */
@NullMarked
package dev.r2dbcpg.pool;

import org.jspecify.annotations.NullMarked;
