/**
 * Connection configuration, faithful to libpq where it can be: {@link dev.r2dbcpg.core.config.PgConnectionConfiguration}
 * (immutable, with a builder), libpq URLs and key/value strings ({@link dev.r2dbcpg.core.config.ConnectionStrings}),
 * {@code PG*} environment variables ({@link dev.r2dbcpg.core.config.PgEnvironment}), {@code ~/.pgpass}
 * ({@link dev.r2dbcpg.core.config.PgPassFile}) and R2DBC options ({@link dev.r2dbcpg.core.config.PgOptions}).
 *
 * <p>Precedence, highest first: settings given explicitly (builder, URL, DSN or R2DBC options), then
 * environment variables, then built-in defaults. Every option is listed in {@code docs/connection-options.md}.
 */
@org.jspecify.annotations.NullMarked
package dev.r2dbcpg.core.config;
