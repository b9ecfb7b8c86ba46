package dev.r2dbcpg.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password ({@code pg_authid.rolpassword}), computed on
 * the client as {@code psql \password} and libpq's {@code PQencryptPasswordConn} do, so that
 * {@code CREATE ROLE ... PASSWORD '<verifier>'} sets the password without its clear text ever reaching the
 * server (or its statement log):
 *
 * <pre>SCRAM-SHA-256$&lt;iterations&gt;:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;</pre>
 *
 * <p>with the salt and keys in base64, {@code SaltedPassword = Hi(SASLprep(password), salt, iterations)},
 * {@code StoredKey = SHA-256(HMAC(SaltedPassword, "Client Key"))} and
 * {@code ServerKey = HMAC(SaltedPassword, "Server Key")} (RFC 5802, RFC 7677).
 *
 * <p>PBKDF2 is CPU work (4096 HMAC rounds by default): call this off the event loop.
 */
public final class ScramVerifier {

    /** The iteration count PostgreSQL uses by default ({@code scram_iterations}, libpq's default). */
    public static final int DEFAULT_ITERATIONS = 4096;

    /** The salt length PostgreSQL uses ({@code SCRAM_DEFAULT_SALT_LEN}). */
    public static final int SALT_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private ScramVerifier() {
    }

    /**
     * The verifier of {@code password} with a new random 16-byte salt and {@value #DEFAULT_ITERATIONS}
     * iterations.
     *
     * @param password not kept, not modified
     */
    public static String encode(char[] password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return encode(password, salt, DEFAULT_ITERATIONS);
    }

    /**
     * The verifier of {@code password} with the given salt and iteration count (for tests and for
     * reproducing a stored verifier).
     *
     * @param password not kept, not modified
     * @throws IllegalArgumentException if the salt is empty or {@code iterations} is below 1
     */
    public static String encode(char[] password, byte[] salt, int iterations) {
        Objects.requireNonNull(password, "password");
        if (salt.length == 0) {
            throw new IllegalArgumentException("The salt must not be empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("The iteration count must be at least 1, was " + iterations);
        }
        byte[] prepared = SaslPrep.prepare(password);
        byte[] salted = null;
        byte[] clientKey = null;
        byte[] storedKey = null;
        byte[] serverKey = null;
        try {
            salted = HmacSha256.pbkdf2(prepared, salt, iterations);
            HmacSha256 keyed = new HmacSha256(salted);
            clientKey = keyed.mac(CLIENT_KEY);
            serverKey = keyed.mac(SERVER_KEY);
            storedKey = HmacSha256.sha256().digest(clientKey);
            Base64.Encoder b64 = Base64.getEncoder();
            return ScramClient.SCRAM_SHA_256 + "$" + iterations + ":" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
        } finally {
            Arrays.fill(prepared, (byte) 0);
            for (byte[] secret : new byte[][] {salted, clientKey, storedKey, serverKey}) {
                if (secret != null) {
                    Arrays.fill(secret, (byte) 0);
                }
            }
        }
    }
}
