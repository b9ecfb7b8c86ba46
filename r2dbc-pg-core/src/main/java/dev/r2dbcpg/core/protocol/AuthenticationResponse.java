package dev.r2dbcpg.core.protocol;

import org.jspecify.annotations.Nullable;

/**
 * An answer to an authentication request, written by {@link Startup} as the matching frontend
 * message. Build with the factories.
 */
public final class AuthenticationResponse {

    enum Kind { NONE, PASSWORD, SASL_INITIAL, SASL }

    private static final AuthenticationResponse NONE = new AuthenticationResponse(Kind.NONE, null, null);

    final Kind kind;
    final @Nullable String mechanism;
    final byte @Nullable [] data;

    private AuthenticationResponse(Kind kind, @Nullable String mechanism, byte @Nullable [] data) {
        this.kind = kind;
        this.mechanism = mechanism;
        this.data = data;
    }

    /** No message to send (after AuthenticationSASLFinal was verified). */
    public static AuthenticationResponse none() {
        return NONE;
    }

    /** PasswordMessage: cleartext password or {@code "md5" + hex}, as UTF-8 bytes without terminator. */
    public static AuthenticationResponse password(byte[] password) {
        return new AuthenticationResponse(Kind.PASSWORD, null, password.clone());
    }

    /** SASLInitialResponse: the chosen mechanism and the client-first-message. */
    public static AuthenticationResponse saslInitial(String mechanism, byte[] clientFirstMessage) {
        return new AuthenticationResponse(Kind.SASL_INITIAL, mechanism, clientFirstMessage.clone());
    }

    /**
     * GSSResponse: a GSSAPI token. On the wire it is the same message as a SASLResponse (a
     * PasswordMessage {@code 'p'} carrying the raw bytes).
     */
    public static AuthenticationResponse gss(byte[] token) {
        return new AuthenticationResponse(Kind.SASL, null, token.clone());
    }

    /** SASLResponse: e.g. the client-final-message. */
    public static AuthenticationResponse sasl(byte[] data) {
        return new AuthenticationResponse(Kind.SASL, null, data.clone());
    }
}
