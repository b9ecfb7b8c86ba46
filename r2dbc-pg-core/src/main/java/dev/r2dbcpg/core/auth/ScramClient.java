package dev.r2dbcpg.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import dev.r2dbcpg.core.error.PgAuthenticationException;
import org.jspecify.annotations.Nullable;

/**
 * The client side of one SCRAM-SHA-256 or SCRAM-SHA-256-PLUS exchange (RFC 5802, RFC 7677), as
 * PostgreSQL speaks it: the user name in the SCRAM messages is empty ({@code n=,}) because the server
 * takes it from the startup message, and the password goes through SASLprep.
 *
 * <p>Use: {@link #selectMechanism} and {@link #gs2For} on the server's {@code AuthenticationSASL}
 * list, {@link #create}, send {@link #mechanism()} and {@link #clientFirstMessage()} in
 * {@code SASLInitialResponse}, pass {@code AuthenticationSASLContinue} data to
 * {@link #clientFinalMessage} and send the result in {@code SASLResponse}, then pass
 * {@code AuthenticationSASLFinal} data to {@link #verifyServerFinal}. Each method is called once, in
 * that order. Not thread-safe; calls from different threads need a happens-before edge between them.
 *
 * <p>{@link #clientFinalMessage} runs PBKDF2 with the server's iteration count: run it off the event
 * loop. The count is capped by {@code maxIterations}, so a hostile server cannot make it spin.
 *
 * <p>Failures are {@link PgAuthenticationException}s; their messages never contain the password.
 */
public final class ScramClient {

    /** Mechanism name without channel binding. */
    public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";

    /** Mechanism name with channel binding. */
    public static final String SCRAM_SHA_256_PLUS = "SCRAM-SHA-256-PLUS";

    private static final int NONCE_BYTES = 18;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    /** The GS2 header flag that starts the client-first-message (RFC 5802 section 7). */
    public enum Gs2 {
        /** {@code n,,}: the client does not support channel binding, or it is disabled. */
        CLIENT_NOT_SUPPORTED("n,,"),
        /** {@code y,,}: the client supports channel binding but the server did not offer it. */
        SERVER_NOT_SUPPORTED("y,,"),
        /** {@code p=tls-server-end-point,,}: channel binding to the server's TLS certificate (RFC 5929). */
        TLS_SERVER_END_POINT("p=tls-server-end-point,,");

        private final String header;

        Gs2(String header) {
            this.header = header;
        }

        /** The GS2 header as sent, e.g. {@code "n,,"}. */
        public String header() {
            return header;
        }
    }

    /** Whether to bind the SCRAM exchange to the TLS channel (libpq's {@code channel_binding}). */
    public enum ChannelBindingPolicy {
        /** Never use channel binding. */
        DISABLE,
        /** Use channel binding when TLS is in use and the server offers it. */
        PREFER,
        /** Authenticate only with channel binding; fail otherwise. */
        REQUIRE
    }

    private final Gs2 gs2;
    private final byte @Nullable [] channelBindingData;
    private final int maxIterations;
    private final String clientNonce;
    private final String clientFirstMessageBare;

    /** SASLprep'ed password, zeroed and cleared by {@link #clientFinalMessage}. */
    private byte @Nullable [] password;

    /** Set by {@link #clientFinalMessage}, cleared by {@link #verifyServerFinal}. */
    private byte @Nullable [] expectedServerSignature;

    private ScramClient(byte[] password, Gs2 gs2, byte @Nullable [] channelBindingData, int maxIterations,
            String user, String clientNonce) {
        this.password = password;
        this.gs2 = gs2;
        this.channelBindingData = channelBindingData;
        this.maxIterations = maxIterations;
        this.clientNonce = clientNonce;
        // RFC 5802 saslname: ',' and '=' are escaped.
        this.clientFirstMessageBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
    }

    /**
     * Starts an exchange with a fresh random nonce.
     *
     * @param password the password; read here (SASLprep'ed into an internal copy), not kept, not
     *     modified: the caller may zero it once this returns
     * @param binding the GS2 flag, see {@link #gs2For}
     * @param channelBindingData for {@link Gs2#TLS_SERVER_END_POINT}: the certificate hash from
     *     {@link #tlsServerEndPointHash}; ignored otherwise
     * @param maxIterations the highest PBKDF2 iteration count accepted from the server, at least 1
     * @return a new client
     * @throws IllegalArgumentException if {@code binding} is {@link Gs2#TLS_SERVER_END_POINT} without
     *     channel binding data, or {@code maxIterations < 1}
     */
    public static ScramClient create(char[] password, Gs2 binding, byte @Nullable [] channelBindingData,
            int maxIterations) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return create(password, binding, channelBindingData, maxIterations, "",
                Base64.getEncoder().encodeToString(nonce));
    }

    /**
     * As {@link #create(char[], Gs2, byte[], int)}, with a given user name (PostgreSQL: empty) and
     * client nonce, so that tests can replay RFC vectors.
     */
    static ScramClient create(char[] password, Gs2 binding, byte @Nullable [] channelBindingData,
            int maxIterations, String user, String clientNonce) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(binding, "binding");
        if (binding == Gs2.TLS_SERVER_END_POINT && (channelBindingData == null || channelBindingData.length == 0)) {
            throw new IllegalArgumentException("tls-server-end-point channel binding needs the certificate hash");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1: " + maxIterations);
        }
        byte[] data = binding == Gs2.TLS_SERVER_END_POINT ? channelBindingData.clone() : null;
        return new ScramClient(SaslPrep.prepare(password), binding, data, maxIterations, user, clientNonce);
    }

    /** {@value #SCRAM_SHA_256_PLUS} with {@link Gs2#TLS_SERVER_END_POINT}, else {@value #SCRAM_SHA_256}. */
    public String mechanism() {
        return gs2 == Gs2.TLS_SERVER_END_POINT ? SCRAM_SHA_256_PLUS : SCRAM_SHA_256;
    }

    /** The client-first-message, e.g. {@code n,,n=,r=<nonce>}, for {@code SASLInitialResponse}. */
    public byte[] clientFirstMessage() {
        return (gs2.header() + clientFirstMessageBare).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Checks the server-first-message and computes the client-final-message with the proof. This runs
     * PBKDF2 and may take long: call it off the event loop. Zeroes the password copy, also on failure.
     *
     * @param serverFirstMessage the data of {@code AuthenticationSASLContinue}
     * @return the client-final-message, for {@code SASLResponse}
     * @throws PgAuthenticationException if the message is malformed, its nonce does not extend ours,
     *     or its iteration count is not in {@code 1..maxIterations}
     * @throws IllegalStateException if called twice
     */
    public byte[] clientFinalMessage(byte[] serverFirstMessage) {
        byte[] pw = password;
        if (pw == null) {
            throw new IllegalStateException("clientFinalMessage was already called");
        }
        password = null;
        try {
            ServerFirst first = ServerFirst.parse(new String(serverFirstMessage, StandardCharsets.UTF_8),
                    clientNonce, maxIterations);
            byte[] cbindInput = gs2.header().getBytes(StandardCharsets.US_ASCII);
            if (channelBindingData != null) {
                cbindInput = concat(cbindInput, channelBindingData);
            }
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbindInput) + ",r=" + first.nonce;
            byte[] authMessage = concat(
                    (clientFirstMessageBare + ",").getBytes(StandardCharsets.US_ASCII),
                    serverFirstMessage,
                    ("," + withoutProof).getBytes(StandardCharsets.US_ASCII));
            byte[] proof = computeProofAndServerSignature(pw, first, authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                    .getBytes(StandardCharsets.US_ASCII);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    private byte[] computeProofAndServerSignature(byte[] pw, ServerFirst first, byte[] authMessage) {
        byte[] saltedPassword = HmacSha256.pbkdf2(pw, first.salt, first.iterations);
        byte[] clientKey = null;
        byte[] storedKey = null;
        byte[] serverKey = null;
        try {
            HmacSha256 salted = new HmacSha256(saltedPassword);
            clientKey = salted.mac(CLIENT_KEY);
            serverKey = salted.mac(SERVER_KEY);
            storedKey = HmacSha256.sha256().digest(clientKey);
            byte[] proof = new HmacSha256(storedKey).mac(authMessage);
            for (int i = 0; i < proof.length; i++) {
                proof[i] ^= clientKey[i];
            }
            expectedServerSignature = new HmacSha256(serverKey).mac(authMessage);
            return proof;
        } finally {
            zero(saltedPassword);
            zero(clientKey);
            zero(storedKey);
            zero(serverKey);
        }
    }

    /**
     * Checks the server-final-message: the server proves that it knows the password, too.
     *
     * @param serverFinalMessage the data of {@code AuthenticationSASLFinal}
     * @throws PgAuthenticationException if the server reports an error ({@code e=}), its signature
     *     does not match, or the message is malformed
     * @throws IllegalStateException if {@link #clientFinalMessage} did not complete before, or this
     *     was already called
     */
    public void verifyServerFinal(byte[] serverFinalMessage) {
        byte[] expected = expectedServerSignature;
        if (expected == null) {
            throw new IllegalStateException("verifyServerFinal needs a completed clientFinalMessage, once");
        }
        expectedServerSignature = null;
        String message = new String(serverFinalMessage, StandardCharsets.UTF_8);
        if (message.startsWith("e=")) {
            throw new PgAuthenticationException("SCRAM authentication failed: server reported error \""
                    + firstAttributeValue(message) + "\"");
        }
        if (!message.startsWith("v=")) {
            throw new PgAuthenticationException("Malformed SCRAM server-final-message: expected v= or e=");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(firstAttributeValue(message));
        } catch (IllegalArgumentException e) {
            throw new PgAuthenticationException("Malformed SCRAM server-final-message: server signature is not base64");
        }
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new PgAuthenticationException(
                    "SCRAM server signature does not match: the server could not prove that it knows the password");
        }
    }

    /**
     * The channel binding data for {@code tls-server-end-point} (RFC 5929 section 4.1): a hash of the
     * server certificate's DER encoding, with the hash function of the certificate's signature
     * algorithm, where MD5 and SHA-1 are replaced by SHA-256.
     *
     * @param cert the server's end-entity certificate
     * @return the hash
     * @throws PgAuthenticationException if the signature algorithm has no single hash function (e.g.
     *     Ed25519); then channel binding is not available on this connection
     */
    public static byte[] tlsServerEndPointHash(java.security.cert.X509Certificate cert) {
        return TlsServerEndPoint.hash(cert);
    }

    /**
     * Picks the mechanism to use from the server's {@code AuthenticationSASL} list.
     *
     * @param serverMechanisms the mechanisms the server offers
     * @param tlsChannelBindingAvailable whether the connection uses TLS and
     *     {@link #tlsServerEndPointHash} works for the server certificate
     * @param policy the channel binding policy
     * @return {@value #SCRAM_SHA_256_PLUS}, {@value #SCRAM_SHA_256}, or {@code null} when no offered
     *     mechanism satisfies the policy (for {@link ChannelBindingPolicy#REQUIRE}: no PLUS offered or
     *     no TLS); the caller then fails the connection
     */
    public static @Nullable String selectMechanism(List<String> serverMechanisms, boolean tlsChannelBindingAvailable,
            ChannelBindingPolicy policy) {
        boolean plus = tlsChannelBindingAvailable && serverMechanisms.contains(SCRAM_SHA_256_PLUS);
        boolean plain = serverMechanisms.contains(SCRAM_SHA_256);
        return switch (policy) {
            case REQUIRE -> plus ? SCRAM_SHA_256_PLUS : null;
            case PREFER -> plus ? SCRAM_SHA_256_PLUS : plain ? SCRAM_SHA_256 : null;
            case DISABLE -> plain ? SCRAM_SHA_256 : null;
        };
    }

    /**
     * The GS2 flag for a mechanism chosen by {@link #selectMechanism}, as libpq chooses it:
     * {@code p} for PLUS; {@code y} when the client could bind but the server did not offer PLUS (so a
     * server that does support it detects a downgrade); {@code n} otherwise.
     *
     * @param mechanism the chosen mechanism
     * @param tlsChannelBindingAvailable as given to {@link #selectMechanism}
     * @param policy as given to {@link #selectMechanism}
     * @return the flag to pass to {@link #create}
     */
    public static Gs2 gs2For(String mechanism, boolean tlsChannelBindingAvailable, ChannelBindingPolicy policy) {
        if (SCRAM_SHA_256_PLUS.equals(mechanism)) {
            return Gs2.TLS_SERVER_END_POINT;
        }
        return tlsChannelBindingAvailable && policy != ChannelBindingPolicy.DISABLE
                ? Gs2.SERVER_NOT_SUPPORTED
                : Gs2.CLIENT_NOT_SUPPORTED;
    }

    /** The value of the attribute that starts {@code message}, up to the next comma. */
    private static String firstAttributeValue(String message) {
        int comma = message.indexOf(',');
        return message.substring(2, comma < 0 ? message.length() : comma);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static void zero(byte @Nullable [] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The parsed server-first-message: {@code r=<nonce>,s=<salt>,i=<iterations>[,extensions]}. */
    private record ServerFirst(String nonce, byte[] salt, int iterations) {

        static ServerFirst parse(String message, String clientNonce, int maxIterations) {
            if (message.startsWith("m=")) {
                throw new PgAuthenticationException("SCRAM server-first-message requires an unsupported extension");
            }
            String[] attributes = message.split(",", -1);
            if (attributes.length < 3 || !attributes[0].startsWith("r=") || !attributes[1].startsWith("s=")
                    || !attributes[2].startsWith("i=")) {
                throw new PgAuthenticationException("Malformed SCRAM server-first-message: expected r=,s=,i=");
            }
            String nonce = attributes[0].substring(2);
            if (nonce.length() <= clientNonce.length() || !nonce.startsWith(clientNonce)) {
                throw new PgAuthenticationException("SCRAM nonce mismatch: the server nonce does not extend the client nonce");
            }
            // RFC 5802 "printable": it is echoed in the client-final-message and must survive as ASCII.
            if (!nonce.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
                throw new PgAuthenticationException("Malformed SCRAM server-first-message: nonce is not printable ASCII");
            }
            byte[] salt;
            try {
                salt = Base64.getDecoder().decode(attributes[1].substring(2));
            } catch (IllegalArgumentException e) {
                throw new PgAuthenticationException("Malformed SCRAM server-first-message: salt is not base64");
            }
            if (salt.length == 0) {
                throw new PgAuthenticationException("Malformed SCRAM server-first-message: empty salt");
            }
            return new ServerFirst(nonce, salt, iterations(attributes[2].substring(2), maxIterations));
        }

        private static int iterations(String text, int maxIterations) {
            long value = 0;
            boolean digits = !text.isEmpty() && text.length() <= 10;
            for (int i = 0; digits && i < text.length(); i++) {
                char c = text.charAt(i);
                digits = c >= '0' && c <= '9';
                value = value * 10 + (c - '0');
            }
            if (!digits || value < 1) {
                throw new PgAuthenticationException("Malformed SCRAM server-first-message: invalid iteration count");
            }
            if (value > maxIterations) {
                throw new PgAuthenticationException("SCRAM server asks for " + value
                        + " iterations, more than the allowed maximum of " + maxIterations);
            }
            return (int) value;
        }
    }
}
