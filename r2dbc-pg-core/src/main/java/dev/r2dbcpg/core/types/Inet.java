package dev.r2dbcpg.core.types;

import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL {@code inet}: a host address with an optional netmask length. Unlike {@link Cidr},
 * bits right of the netmask may be set ({@code 192.168.0.1/24} is the host .1 on its subnet).
 * An IPv4-mapped IPv6 address stays IPv6 ({@code ::ffff:1.2.3.4}).
 */
public final class Inet {

    private final InetAddress address;
    private final int prefixLength;

    private Inet(InetAddress address, int prefixLength) {
        this.address = address;
        this.prefixLength = prefixLength;
    }

    /**
     * Returns a host address with the full netmask ({@code /32} or {@code /128}).
     *
     * @param address the address
     * @return the inet
     */
    public static Inet of(InetAddress address) {
        return new Inet(address, address.getAddress().length * 8);
    }

    /**
     * Returns an address with a netmask length.
     *
     * @param address      the address
     * @param prefixLength 0 to 32 for IPv4, 0 to 128 for IPv6
     * @return the inet
     * @throws IllegalArgumentException when the length is out of range
     */
    public static Inet of(InetAddress address, int prefixLength) {
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("Netmask length " + prefixLength + " out of range 0.." + max);
        }
        return new Inet(address, prefixLength);
    }

    /**
     * Parses {@code address} or {@code address/length} without any name resolution.
     *
     * @param text e.g. {@code 192.168.0.1/24} or {@code 2001:db8::1}
     * @return the inet
     * @throws IllegalArgumentException when the text is not an IP address literal
     */
    public static Inet parse(String text) {
        int[] prefix = new int[1];
        byte[] bytes = InetText.parse(text, prefix);
        return new Inet(InetText.address(bytes), prefix[0] < 0 ? bytes.length * 8 : prefix[0]);
    }

    /**
     * Returns the address.
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
     * Returns the value as PostgreSQL prints an inet: the length is left out when it is the full
     * address width.
     *
     * @return e.g. {@code 192.168.0.1/24}, {@code ::1}
     */
    @Override
    public String toString() {
        String host = InetText.format(address);
        return prefixLength == address.getAddress().length * 8 ? host : host + "/" + prefixLength;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Inet && ((Inet) o).address.equals(address) && ((Inet) o).prefixLength == prefixLength
                && ((Inet) o).address.getClass() == address.getClass();
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + prefixLength;
    }
}
