package dev.r2dbcpg.core.types;

import java.util.Arrays;
import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL {@code bit(n)} or {@code bit varying(n)} value: a sequence of bits of a given
 * length, bit 0 being the leftmost. It binds as {@code varbit}, which the server casts
 * implicitly to a {@code bit(n)} column of the same length.
 */
public final class BitString {

    private final int length;
    /** The bits packed most significant first, unused trailing bits zero, as on the wire. */
    private final byte[] bytes;

    private BitString(int length, byte[] bytes) {
        this.length = length;
        this.bytes = bytes;
    }

    /**
     * Parses a string of {@code 0} and {@code 1}, leftmost bit first.
     *
     * @param bits e.g. {@code "101"}; empty for the empty bit string
     * @return the bit string
     * @throws IllegalArgumentException when the text has another character
     */
    public static BitString parse(CharSequence bits) {
        byte[] bytes = new byte[(bits.length() + 7) / 8];
        for (int i = 0; i < bits.length(); i++) {
            char c = bits.charAt(i);
            if (c == '1') {
                bytes[i >> 3] |= (byte) (0x80 >> (i & 7));
            } else if (c != '0') {
                throw new IllegalArgumentException("Malformed bit string: \"" + bits + '"');
            }
        }
        return new BitString(bits.length(), bytes);
    }

    /**
     * Returns the first {@code length} bits of a {@link BitSet}, {@link BitSet#get get(0)} leftmost.
     *
     * @param bits   the bits
     * @param length the bit string length; bits at or past it are ignored
     * @return the bit string
     */
    public static BitString of(BitSet bits, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("Negative bit string length " + length);
        }
        byte[] bytes = new byte[(length + 7) / 8];
        for (int i = bits.nextSetBit(0); i >= 0 && i < length; i = bits.nextSetBit(i + 1)) {
            bytes[i >> 3] |= (byte) (0x80 >> (i & 7));
        }
        return new BitString(length, bytes);
    }

    /**
     * Returns a bit string of packed bytes in PostgreSQL's layout: most significant bit of the
     * first byte leftmost.
     *
     * @param bytes  at least {@code (length + 7) / 8} bytes, copied; bits past {@code length} are ignored
     * @param length the number of bits
     * @return the bit string
     * @throws IllegalArgumentException when there are too few bytes
     */
    public static BitString of(byte[] bytes, int length) {
        int n = (length + 7) / 8;
        if (length < 0 || bytes.length < n) {
            throw new IllegalArgumentException(length + " bits do not fit in " + bytes.length + " bytes");
        }
        byte[] copy = Arrays.copyOf(bytes, n);
        if ((length & 7) != 0) {
            copy[n - 1] &= (byte) (0xFF << (8 - (length & 7)));
        }
        return new BitString(length, copy);
    }

    /**
     * Returns the number of bits.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    /**
     * Returns one bit.
     *
     * @param index 0 for the leftmost bit
     * @return whether the bit is 1
     * @throws IndexOutOfBoundsException when the index is not below {@link #length()}
     */
    public boolean get(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("Bit " + index + " of a bit string of length " + length);
        }
        return (bytes[index >> 3] & (0x80 >> (index & 7))) != 0;
    }

    /**
     * Returns the bits as a {@link BitSet}, leftmost bit at index 0. The length is not kept.
     *
     * @return a new bit set
     */
    public BitSet toBitSet() {
        BitSet set = new BitSet(length);
        for (int i = 0; i < length; i++) {
            if (get(i)) {
                set.set(i);
            }
        }
        return set;
    }

    /**
     * Returns the packed bytes in PostgreSQL's layout (trailing unused bits zero).
     *
     * @return a copy of the {@code (length + 7) / 8} bytes
     */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * Returns the bits as PostgreSQL prints them.
     *
     * @return e.g. {@code 101}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(get(i) ? '1' : '0');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof BitString && ((BitString) o).length == length && Arrays.equals(((BitString) o).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * length + Arrays.hashCode(bytes);
    }
}
