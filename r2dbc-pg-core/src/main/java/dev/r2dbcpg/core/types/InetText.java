package dev.r2dbcpg.core.types;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Reads and prints IP address literals without name resolution (which would block), keeping an
 * IPv4-mapped IPv6 address ({@code ::ffff:1.2.3.4}) IPv6 as PostgreSQL does.
 */
final class InetText {

    private InetText() {
    }

    /** Returns an address of the given bytes: 4 bytes IPv4, 16 bytes always IPv6. */
    static InetAddress address(byte[] bytes) {
        try {
            return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("An IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }

    /** Parses {@code address[/prefix]}; returns the address bytes and stores the prefix (or -1) in {@code prefix[0]}. */
    static byte[] parse(String text, int[] prefix) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        try {
            byte[] bytes = host.indexOf(':') >= 0 ? ipv6(host) : ipv4(host);
            prefix[0] = slash < 0 ? -1 : Integer.parseInt(s.substring(slash + 1));
            if (prefix[0] < -1 || prefix[0] > bytes.length * 8) {
                throw new NumberFormatException();
            }
            return bytes;
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("Malformed IP address: \"" + text + '"', e);
        }
    }

    private static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new NumberFormatException(s);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v < 0 || v > 255 || parts[i].startsWith("+")) {
                throw new NumberFormatException(s);
            }
            bytes[i] = (byte) v;
        }
        return bytes;
    }

    private static byte[] ipv6(String s) {
        int[] words = new int[8];
        int gap = s.indexOf("::");
        String head = gap < 0 ? s : s.substring(0, gap);
        String tail = gap < 0 ? "" : s.substring(gap + 2);
        int[] h = words(head);
        int[] t = words(tail);
        if (gap < 0 ? h.length != 8 : h.length + t.length > 7) {
            throw new NumberFormatException(s);
        }
        System.arraycopy(h, 0, words, 0, h.length);
        System.arraycopy(t, 0, words, 8 - t.length, t.length);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (words[i] >> 8);
            bytes[2 * i + 1] = (byte) words[i];
        }
        return bytes;
    }

    /** Hex words separated by ':', the last one possibly a dotted IPv4 address (two words). */
    private static int[] words(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        boolean dotted = parts[parts.length - 1].indexOf('.') >= 0;
        int[] words = new int[parts.length + (dotted ? 1 : 0)];
        for (int i = 0; i < parts.length - (dotted ? 1 : 0); i++) {
            if (parts[i].isEmpty() || parts[i].length() > 4 || parts[i].startsWith("+") || parts[i].startsWith("-")) {
                throw new NumberFormatException(s);
            }
            words[i] = Integer.parseInt(parts[i], 16);
        }
        if (dotted) {
            byte[] v4 = ipv4(parts[parts.length - 1]);
            words[parts.length - 1] = (v4[0] & 0xFF) << 8 | (v4[1] & 0xFF);
            words[parts.length] = (v4[2] & 0xFF) << 8 | (v4[3] & 0xFF);
        }
        return words;
    }

    /** Prints an address as PostgreSQL does: IPv6 with the longest run of two or more zero words as {@code ::}. */
    static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (b[2 * i] & 0xFF) << 8 | (b[2 * i + 1] & 0xFF);
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestBase) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 7 && words[7] != 1) || (bestLen == 5 && words[5] == 0xFFFF))) {
                // IPv4-compatible and IPv4-mapped addresses end in dotted form
                sb.append(b[12] & 0xFF).append('.').append(b[13] & 0xFF).append('.')
                        .append(b[14] & 0xFF).append('.').append(b[15] & 0xFF);
                return sb.toString();
            }
            sb.append(Integer.toHexString(words[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
