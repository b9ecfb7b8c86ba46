package dev.r2dbcpg.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/** The response to {@code AuthenticationMD5Password}. */
public final class Md5Password {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Md5Password() {
    }

    /**
     * Computes {@code "md5" + hex(md5(hex(md5(password + user)) + salt))}, as the
     * {@code PasswordMessage} for MD5 authentication wants it. The password is used as UTF-8 without
     * SASLprep, as PostgreSQL does.
     *
     * @param user the user name sent in the startup message
     * @param password the password; not kept, not modified
     * @param salt4 the 4-byte salt of {@code AuthenticationMD5Password}
     * @return 35 ASCII bytes, without the terminating NUL (the caller writes the message)
     * @throws IllegalArgumentException if {@code salt4} is not 4 bytes long
     */
    public static byte[] encode(String user, char[] password, byte[] salt4) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (salt4.length != 4) {
            throw new IllegalArgumentException("MD5 salt must be 4 bytes, got " + salt4.length);
        }
        MessageDigest md5 = md5();
        byte[] pw = SaslPrep.utf8(password);
        byte[] innerHash = null;
        byte[] innerHex = null;
        try {
            md5.update(pw);
            md5.update(user.getBytes(StandardCharsets.UTF_8));
            innerHash = md5.digest();
            innerHex = hex(innerHash, 0);
            md5.update(innerHex);
            md5.update(salt4);
            byte[] result = hex(md5.digest(), 3);
            result[0] = 'm';
            result[1] = 'd';
            result[2] = '5';
            return result;
        } finally {
            Arrays.fill(pw, (byte) 0);
            if (innerHash != null) {
                Arrays.fill(innerHash, (byte) 0);
            }
            if (innerHex != null) {
                Arrays.fill(innerHex, (byte) 0);
            }
        }
    }

    /** Lower-case hex of {@code bytes}, after {@code offset} leading bytes left for the caller. */
    private static byte[] hex(byte[] bytes, int offset) {
        byte[] out = new byte[offset + 2 * bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[offset + 2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[offset + 2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return out;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available on this platform", e);
        }
    }
}
