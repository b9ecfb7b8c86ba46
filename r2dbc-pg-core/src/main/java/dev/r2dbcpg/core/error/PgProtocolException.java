package dev.r2dbcpg.core.error;

import io.r2dbc.spi.R2dbcNonTransientResourceException;

/**
 * The server sent something the protocol does not allow at that point: an unexpected message type,
 * a malformed message, a length out of bounds. The connection is unusable afterwards and is closed.
 * The message says what arrived and in which state.
 */
public final class PgProtocolException extends R2dbcNonTransientResourceException {

    private static final long serialVersionUID = 1L;

    /** @param message what arrived, and in which state */
    public PgProtocolException(String message) {
        super(message);
    }

    /**
     * @param message what arrived, and in which state
     * @param cause the underlying failure
     */
    public PgProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Makes the exception for a backend message that is not allowed in the current state.
     *
     * @param messageType the message's type byte, e.g. {@code 'D'}
     * @param state who received it and in which state, e.g. {@code "ExtendedQuery in state PARSING"}
     * @return e.g. {@code "Unexpected backend message 'D' (0x44) in ExtendedQuery in state PARSING"}
     */
    public static PgProtocolException unexpectedMessage(byte messageType, String state) {
        int b = messageType & 0xFF;
        String shown = b >= 0x20 && b < 0x7F ? "'" + (char) b + "' " : "";
        return new PgProtocolException(String.format(
                "Unexpected backend message %s(0x%02X) in %s", shown, b, state));
    }
}
