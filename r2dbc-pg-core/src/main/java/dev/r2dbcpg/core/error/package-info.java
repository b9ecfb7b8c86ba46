/**
 * Public exceptions of the driver.
 *
 * <p>Every {@code ErrorResponse} from the server becomes, through {@link dev.r2dbcpg.core.error.PgExceptionFactory},
 * a subclass of one of the R2DBC exception families that also implements
 * {@link dev.r2dbcpg.core.error.PgServerError}, so that all error fields and the SQL stay reachable.
 * Failures detected on the client side ({@link dev.r2dbcpg.core.error.PgAuthenticationException},
 * {@link dev.r2dbcpg.core.error.PgProtocolException}, {@link dev.r2dbcpg.core.error.PgConnectionClosedException})
 * carry no server fields.
 */
@org.jspecify.annotations.NullMarked
package dev.r2dbcpg.core.error;
