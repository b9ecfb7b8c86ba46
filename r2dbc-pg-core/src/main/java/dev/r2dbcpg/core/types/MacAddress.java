package dev.r2dbcpg.core.types;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A MAC address of 6 bytes (PostgreSQL {@code macaddr}) or 8 bytes ({@code macaddr8}). It binds
 * as {@code macaddr} or {@code macaddr8} by its size.
 */
public final class MacAddress {

    private final byte[] bytes;

    private MacAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Returns the address of these bytes.
     *
     * @param bytes 6 or 8 bytes, copied
     * @return the address
     * @throws IllegalArgumentException for any other length
     */
    public static MacAddress of(byte[] bytes) {
        if (bytes.length != 6 && bytes.length != 8) {
            throw new IllegalArgumentException("A MAC address has 6 or 8 bytes, not " + bytes.length);
        }
        return new MacAddress(bytes.clone());
    }

    /**
     * Parses 12 or 16 hex digits, optionally grouped by {@code :}, {@code -} or {@code .} as
     * PostgreSQL accepts them ({@code 08:00:2b:01:02:03}, {@code 08-00-2b-01-02-03},
     * {@code 0800.2b01.0203}, {@code 08002b010203}).
     *
     * @param text the text
     * @return the address
     * @throws IllegalArgumentException when the text has not 12 or 16 hex digits
     */
    public static MacAddress parse(String text) {
        StringBuilder hex = new StringBuilder(16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) >= 0) {
                hex.append(c);
            } else if (c != ':' && c != '-' && c != '.') {
                throw new IllegalArgumentException("Malformed MAC address: \"" + text + '"');
            }
        }
        if (hex.length() != 12 && hex.length() != 16) {
            throw new IllegalArgumentException("Malformed MAC address: \"" + text + '"');
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return new MacAddress(bytes);
    }

    /**
     * Returns a copy of the bytes.
     *
     * @return 6 or 8 bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns the number of bytes.
     *
     * @return 6 ({@code macaddr}) or 8 ({@code macaddr8})
     */
    public int size() {
        return bytes.length;
    }

    /**
     * Returns the address as PostgreSQL prints it.
     *
     * @return lower-case hex pairs separated by colons, e.g. {@code 08:00:2b:01:02:03}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MacAddress && Arrays.equals(((MacAddress) o).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
