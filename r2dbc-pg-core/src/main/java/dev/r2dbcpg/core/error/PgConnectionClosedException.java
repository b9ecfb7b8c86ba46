package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcNonTransientResourceException;

/**
 * The connection is gone: the socket was closed by the server or the network, or the connection was
 * closed by the application while requests were pending. Requests pending at that moment and any
 * later request on the same connection fail with this exception.
 */
public final class PgConnectionClosedException extends R2dbcNonTransientResourceException {

    private static final long serialVersionUID = 1L;

    /** @param message what closed, and what was pending */
    public PgConnectionClosedException(String message) {
        super(message);
    }

    /**
     * @param message what closed, and what was pending
     * @param cause the I/O failure that closed it
     */
    public PgConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
