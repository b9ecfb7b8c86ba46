package dev.r2dbcpg.core.protocol;

import java.util.concurrent.CompletionStage;

/**
 * Answers the server's authentication requests during {@link Startup}. Implemented by the auth
 * layer. Answers are asynchronous so that expensive work (SCRAM's PBKDF2, a Kerberos login) runs off the event loop:
 * the startup conversation waits until the returned stage completes and then writes the answer.
 */
public interface Authenticator {

    /** AuthenticationCleartextPassword. */
    int CLEARTEXT_PASSWORD = 3;
    /** AuthenticationMD5Password; data = 4-byte salt. */
    int MD5_PASSWORD = 5;
    /** AuthenticationGSS; no data: send the first GSSAPI token. */
    int GSS = 7;
    /** AuthenticationGSSContinue; data = the server's GSSAPI token. */
    int GSS_CONTINUE = 8;
    /** AuthenticationSASL; data = mechanism names, each zero-terminated, then a final zero. */
    int SASL = 10;
    /** AuthenticationSASLContinue; data = server-first-message. */
    int SASL_CONTINUE = 11;
    /** AuthenticationSASLFinal; data = server-final-message (verify it; answer {@link AuthenticationResponse#none()}). */
    int SASL_FINAL = 12;

    /**
     * Called on the event loop for each authentication request the server sends.
     *
     * @param code one of the constants above
     * @param data the request's bytes after the code (a private copy the implementation may keep)
     * @return the answer; completing exceptionally fails the connection with that exception
     */
    CompletionStage<AuthenticationResponse> onAuthenticationRequest(int code, byte[] data);
}
