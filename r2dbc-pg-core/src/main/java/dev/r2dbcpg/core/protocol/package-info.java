/**
 * PostgreSQL wire protocol version 3: frontend message writers, backend message parsers and the
 * per-request state machines ("conversations"). No Reactor and no Netty channel types live here;
 * buffers are Netty {@code ByteBuf}s and every method states whether it takes ownership.
 */
@NullMarked
package dev.r2dbcpg.core.protocol;

import org.jspecify.annotations.NullMarked;
