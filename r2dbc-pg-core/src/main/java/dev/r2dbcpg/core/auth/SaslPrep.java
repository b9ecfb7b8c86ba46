package dev.r2dbcpg.core.auth;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * SASLprep (RFC 4013) of a password, exactly as PostgreSQL applies it on both sides
 * ({@code pg_saslprep} in the server and in libpq): where the result would be invalid, the password
 * is used as is.
 *
 * <ol>
 * <li>Pure ASCII: used as is.</li>
 * <li>Map: non-ASCII spaces (C.1.2) to U+0020, "commonly mapped to nothing" (B.1) removed.</li>
 * <li>Normalize: NFKC.</li>
 * <li>Prohibit: prohibited output (C.1.2, C.2.1 to C.9) or unassigned in Unicode 3.2 (A.1).</li>
 * <li>Bidi: with any RandALCat character, no LCat character and RandALCat first and last.</li>
 * </ol>
 *
 * <p>An empty result after mapping, a prohibited character, a bidi violation or unpaired surrogates
 * make the password be used as is, UTF-8 encoded (PostgreSQL's fallback for such passwords).
 * Temporary arrays are zeroed; the NFKC step needs {@link String}s, which cannot be.
 */
final class SaslPrep {

    private SaslPrep() {
    }

    /** The password after SASLprep, UTF-8 encoded; a new array the caller should zero after use. */
    static byte[] prepare(char[] password) {
        if (isAscii(password)) {
            return utf8(password);
        }
        int[] mapped = new int[password.length];
        int[] normalized = null;
        try {
            int count = map(password, mapped);
            if (count <= 0) {
                return utf8(password);
            }
            normalized = Normalizer.normalize(new String(mapped, 0, count), Normalizer.Form.NFKC)
                    .codePoints().toArray();
            if (!isAllowed(normalized)) {
                return utf8(password);
            }
            return utf8(normalized, normalized.length);
        } finally {
            Arrays.fill(mapped, 0);
            if (normalized != null) {
                Arrays.fill(normalized, 0);
            }
        }
    }

    /**
     * Decodes {@code password} into code points in {@code out}, applying the mapping step.
     *
     * @return how many code points were written, or -1 when {@code password} has an unpaired surrogate
     */
    private static int map(char[] password, int[] out) {
        int count = 0;
        for (int i = 0; i < password.length; i++) {
            char c = password[i];
            int cp;
            if (Character.isHighSurrogate(c) && i + 1 < password.length && Character.isLowSurrogate(password[i + 1])) {
                cp = Character.toCodePoint(c, password[++i]);
            } else if (Character.isSurrogate(c)) {
                return -1;
            } else {
                cp = c;
            }
            if (SaslPrepTables.contains(SaslPrepTables.NON_ASCII_SPACE, cp)) {
                out[count++] = ' ';
            } else if (!SaslPrepTables.contains(SaslPrepTables.MAPPED_TO_NOTHING, cp)) {
                out[count++] = cp;
            }
        }
        return count;
    }

    private static boolean isAllowed(int[] codePoints) {
        boolean randAl = false;
        boolean l = false;
        for (int cp : codePoints) {
            if (SaslPrepTables.contains(SaslPrepTables.PROHIBITED, cp)) {
                return false;
            }
            randAl |= SaslPrepTables.contains(SaslPrepTables.RAND_AL_CAT, cp);
            l |= SaslPrepTables.contains(SaslPrepTables.L_CAT, cp);
        }
        // RFC 3454 section 6: a string with right-to-left characters must not contain
        // left-to-right ones, and must begin and end with a right-to-left character.
        return !randAl || (!l
                && SaslPrepTables.contains(SaslPrepTables.RAND_AL_CAT, codePoints[0])
                && SaslPrepTables.contains(SaslPrepTables.RAND_AL_CAT, codePoints[codePoints.length - 1]));
    }

    private static boolean isAscii(char[] chars) {
        for (char c : chars) {
            if (c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 of {@code chars} without an intermediate {@link String}; unpaired surrogates become {@code '?'}. */
    static byte[] utf8(char[] chars) {
        int[] codePoints = new int[chars.length];
        int count = 0;
        try {
            for (int i = 0; i < chars.length; i++) {
                char c = chars[i];
                if (Character.isHighSurrogate(c) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                    codePoints[count++] = Character.toCodePoint(c, chars[++i]);
                } else {
                    codePoints[count++] = Character.isSurrogate(c) ? '?' : c;
                }
            }
            return utf8(codePoints, count);
        } finally {
            Arrays.fill(codePoints, 0);
        }
    }

    private static byte[] utf8(int[] codePoints, int count) {
        int length = 0;
        for (int k = 0; k < count; k++) {
            int cp = codePoints[k];
            length += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        byte[] out = new byte[length];
        int i = 0;
        for (int k = 0; k < count; k++) {
            int cp = codePoints[k];
            if (cp < 0x80) {
                out[i++] = (byte) cp;
            } else if (cp < 0x800) {
                out[i++] = (byte) (0xC0 | cp >> 6);
                out[i++] = (byte) (0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                out[i++] = (byte) (0xE0 | cp >> 12);
                out[i++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[i++] = (byte) (0x80 | cp & 0x3F);
            } else {
                out[i++] = (byte) (0xF0 | cp >> 18);
                out[i++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[i++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[i++] = (byte) (0x80 | cp & 0x3F);
            }
        }
        return out;
    }
}
