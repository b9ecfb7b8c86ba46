/**
 * The high-level API: {@link dev.r2dbcpg.client.PgDatabase}, rows as maps or records, sessions,
 * transactions, streaming and LISTEN/NOTIFY over a pool, bulk writes and CSV files through COPY,
 * introspection and administration, in Reactor types. See {@code docs/client.md}.
 *
 * <p>The helpers for introspection and DDL ({@link dev.r2dbcpg.client.PgSchema}), maintenance
 * ({@link dev.r2dbcpg.client.PgMaintenance}), databases, roles and privileges
 * ({@link dev.r2dbcpg.client.PgAdmin}) and TimescaleDB ({@link dev.r2dbcpg.client.PgTimescale}) each run
 * their statements on a connection of their own, borrowed for the call and given back after it.
 *
 * <p>The rule for names, the same in every helper: a name from a caller goes through
 * {@link dev.r2dbcpg.core.Identifiers}; a plain name ({@code users}, {@code Users}) is quoted, so its case
 * is kept; an already quoted identifier ({@code "uuid-ossp"}) is used as given; table, index and sequence
 * names may be qualified ({@code app.users}); anything else is refused with an
 * {@link java.lang.IllegalArgumentException}. Catalog queries take names as bound parameters; DDL, which
 * takes no parameters, gets them as quoted identifiers.
 */
@NullMarked
package dev.r2dbcpg.client;

import org.jspecify.annotations.NullMarked;
