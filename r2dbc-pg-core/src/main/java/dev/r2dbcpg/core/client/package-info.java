/**
 * The connection to one PostgreSQL backend over Reactor Netty: TLS negotiation, framing and
 * dispatch ({@code PgChannelHandler}), pipelined request queue, cancel and close
 * ({@link dev.r2dbcpg.core.client.PgClient}).
 */
@NullMarked
package dev.r2dbcpg.core.client;

import org.jspecify.annotations.NullMarked;
