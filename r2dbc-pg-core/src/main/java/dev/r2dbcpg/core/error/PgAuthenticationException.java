package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcPermissionDeniedException;

/**
 * Authentication failed on the client side: e.g. the server asked for a method the configuration
 * forbids, no password was configured, or the server's SCRAM messages were invalid or its signature
 * did not verify. A refusal by the server itself arrives as
 * {@link PgPermissionDeniedException.InvalidPassword} or another {@link PgServerError} instead.
 *
 * <p>Messages never contain the password.
 */
public class PgAuthenticationException extends R2dbcPermissionDeniedException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, without secrets */
    public PgAuthenticationException(String message) {
        super(message);
    }

    /**
     * @param message what failed, without secrets
     * @param cause the underlying failure
     */
    public PgAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
