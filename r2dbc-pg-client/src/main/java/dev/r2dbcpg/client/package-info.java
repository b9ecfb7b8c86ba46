/**
 * The high-level API: {@link dev.r2dbcpg.client.PgDatabase}, rows as maps or records, sessions,
 * transactions, streaming and LISTEN/NOTIFY over a pool, in Reactor types. See {@code docs/client.md}.
 */
@NullMarked
package dev.r2dbcpg.client;

import org.jspecify.annotations.NullMarked;
