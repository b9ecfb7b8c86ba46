/**
 * Password authentication: SCRAM-SHA-256 and SCRAM-SHA-256-PLUS ({@link dev.r2dbcpg.core.auth.ScramClient}),
 * MD5 ({@link dev.r2dbcpg.core.auth.Md5Password}) and SASLprep.
 *
 * <p>Pure computations on {@code byte[]}: no Netty, no Reactor, no I/O. The protocol layer feeds in
 * the server's SASL data and writes out what these classes return. Failures are
 * {@link dev.r2dbcpg.core.error.PgAuthenticationException}s whose messages never contain the password.
 */
@org.jspecify.annotations.NullMarked
package dev.r2dbcpg.core.auth;
