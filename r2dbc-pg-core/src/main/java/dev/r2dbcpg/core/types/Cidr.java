package dev.r2dbcpg.core.types;

import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL {@code cidr}: a network, an address whose bits right of the netmask are all zero.
 */
public final class Cidr {

    private final InetAddress address;
    private final int prefixLength;

    private Cidr(InetAddress address, int prefixLength) {
        this.address = address;
        this.prefixLength = prefixLength;
    }

    /**
     * Returns a network.
     *
     * @param address      the network address
     * @param prefixLength 0 to 32 for IPv4, 0 to 128 for IPv6
     * @return the cidr
     * @throws IllegalArgumentException when the length is out of range or the address has bits
     *                                  set right of the netmask (as PostgreSQL rejects them)
     */
    public static Cidr of(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        if (prefixLength < 0 || prefixLength > bytes.length * 8) {
            throw new IllegalArgumentException("Netmask length " + prefixLength + " out of range 0.." + bytes.length * 8);
        }
        for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
            if ((bytes[bit >> 3] & (0x80 >> (bit & 7))) != 0) {
                throw new IllegalArgumentException("Invalid cidr " + InetText.format(address) + "/" + prefixLength
                        + ": the address has bits set to the right of the netmask");
            }
        }
        return new Cidr(address, prefixLength);
    }

    /**
     * Parses {@code address/length} (a missing length means the full width) without any name
     * resolution.
     *
     * @param text e.g. {@code 10.0.0.0/8}
     * @return the cidr
     * @throws IllegalArgumentException when the text is not a network literal
     */
    public static Cidr parse(String text) {
        int[] prefix = new int[1];
        byte[] bytes = InetText.parse(text, prefix);
        return of(InetText.address(bytes), prefix[0] < 0 ? bytes.length * 8 : prefix[0]);
    }

    /**
     * Returns the network address.
     *
     * @return the address, IPv6 whenever the value is IPv6
     */
    public InetAddress address() {
        return address;
    }

    /**
     * Returns the netmask length.
     *
     * @return 0 to 32 for IPv4, 0 to 128 for IPv6
     */
    public int prefixLength() {
        return prefixLength;
    }

    /**
     * Returns the network as PostgreSQL prints a cidr, always with the length.
     *
     * @return e.g. {@code 10.0.0.0/8}
     */
    @Override
    public String toString() {
        return InetText.format(address) + "/" + prefixLength;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Cidr && ((Cidr) o).address.equals(address) && ((Cidr) o).prefixLength == prefixLength
                && ((Cidr) o).address.getClass() == address.getClass();
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + prefixLength;
    }
}
