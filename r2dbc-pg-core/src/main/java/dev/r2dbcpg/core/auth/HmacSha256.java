package dev.r2dbcpg.core.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA-256 (RFC 2104) keyed once, and PBKDF2-HMAC-SHA-256 (SCRAM's {@code Hi}).
 *
 * <p>Built on {@link MessageDigest} rather than {@code javax.crypto.Mac} so that any key works (SCRAM
 * allows an empty password, {@code SecretKeySpec} does not) and no copy of the key outlives the
 * constructor except the digest states derived from it.
 */
final class HmacSha256 {

    private static final int BLOCK = 64;

    /** Digest states after absorbing {@code key ^ ipad} and {@code key ^ opad}. */
    private final MessageDigest inner;
    private final MessageDigest outer;

    HmacSha256(byte[] key) {
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        byte[] pad = new byte[BLOCK];
        try {
            inner = sha256();
            outer = sha256();
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < k.length ? k[i] : 0) ^ 0x36);
            }
            inner.update(pad);
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < k.length ? k[i] : 0) ^ 0x5c);
            }
            outer.update(pad);
        } finally {
            Arrays.fill(pad, (byte) 0);
            if (k != key) {
                Arrays.fill(k, (byte) 0);
            }
        }
    }

    /** HMAC of the concatenation of {@code parts}. */
    byte[] mac(byte[]... parts) {
        MessageDigest in = copy(inner);
        for (byte[] part : parts) {
            in.update(part);
        }
        byte[] innerHash = in.digest();
        MessageDigest out = copy(outer);
        out.update(innerHash);
        Arrays.fill(innerHash, (byte) 0);
        return out.digest();
    }

    /**
     * PBKDF2 with HMAC-SHA-256 and one output block: SCRAM's {@code Hi(str, salt, i)} (RFC 5802
     * section 2.2). Cost grows linearly with {@code iterations}.
     */
    static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        HmacSha256 prf = new HmacSha256(password);
        byte[] u = prf.mac(salt, new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            byte[] next = prf.mac(u);
            Arrays.fill(u, (byte) 0);
            u = next;
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        Arrays.fill(u, (byte) 0);
        return result;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest of this platform cannot be cloned", e);
        }
    }
}
