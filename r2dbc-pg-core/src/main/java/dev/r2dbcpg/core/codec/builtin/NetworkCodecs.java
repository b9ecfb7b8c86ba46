package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.types.Cidr;
import dev.r2dbcpg.core.types.Inet;
import dev.r2dbcpg.core.types.MacAddress;
import io.netty.buffer.ByteBuf;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code inet}, {@code cidr}, {@code macaddr} and {@code macaddr8}.
 *
 * <p>Binary inet/cidr: family (2 = IPv4, 3 = IPv6; PostgreSQL's own numbers), netmask bits,
 * is-cidr flag, address length, address bytes. {@code inet} decodes as {@link Inet} and as
 * {@link InetAddress} when the netmask is the full width ({@code /32}, {@code /128}: a host);
 * {@code cidr} as {@link Cidr}. Binary macaddr is 6 bytes, macaddr8 8 bytes, both decoded as
 * {@link MacAddress}. All four also decode as their text form ({@code String}).
 */
final class NetworkCodecs {

    static final InetCodec INET = new InetCodec();
    static final CidrCodec CIDR = new CidrCodec();
    static final MacaddrCodec MACADDR = new MacaddrCodec(Oids.MACADDR, "macaddr", 6);
    static final MacaddrCodec MACADDR8 = new MacaddrCodec(Oids.MACADDR8, "macaddr8", 8);

    private static final int PGSQL_AF_INET = 2;
    private static final int PGSQL_AF_INET6 = 3;

    private NetworkCodecs() {
    }

    /** Reads family, bits, flag, length and address; stores the bits in {@code bits[0]}. */
    private static InetAddress readAddress(String typeName, ByteBuf buf, int offset, int length, int[] bits) {
        if (length < 4 || length != 4 + buf.getUnsignedByte(offset + 3)) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        int family = buf.getUnsignedByte(offset);
        byte[] bytes = new byte[buf.getUnsignedByte(offset + 3)];
        if (!(family == PGSQL_AF_INET && bytes.length == 4) && !(family == PGSQL_AF_INET6 && bytes.length == 16)) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        buf.getBytes(offset + 4, bytes);
        bits[0] = buf.getUnsignedByte(offset + 1);
        try {
            // Inet6Address keeps an IPv4-mapped address IPv6, as the server has it
            return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
    }

    private static void writeAddress(ByteBuf out, InetAddress address, int bits, boolean cidr) {
        byte[] bytes = address.getAddress();
        out.writeByte(bytes.length == 4 ? PGSQL_AF_INET : PGSQL_AF_INET6).writeByte(bits)
                .writeByte(cidr ? 1 : 0).writeByte(bytes.length).writeBytes(bytes);
    }

    static final class InetCodec extends AbstractCodec<Inet> {

        InetCodec() {
            super(Oids.INET, "inet", Inet.class, types(InetAddress.class), types(Inet.class, InetAddress.class));
        }

        @Override
        Inet decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                int[] bits = new int[1];
                InetAddress address = readAddress(typeName(), buf, offset, length, bits);
                return Inet.of(address, bits[0]);
            }
            try {
                return Inet.parse(CodecSupport.ascii(buf, offset, length));
            } catch (IllegalArgumentException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        @Override
        Object convert(Inet value, Class<?> target) {
            if (value.prefixLength() != value.address().getAddress().length * 8) {
                throw CodecSupport.lossy(typeName(), value, target);
            }
            return value.address();
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            Inet inet = value instanceof Inet ? (Inet) value : Inet.of((InetAddress) value);
            writeAddress(out, inet.address(), inet.prefixLength(), false);
        }
    }

    static final class CidrCodec extends AbstractCodec<Cidr> {

        CidrCodec() {
            super(Oids.CIDR, "cidr", Cidr.class, types(), types(Cidr.class));
        }

        @Override
        Cidr decodeValue(ByteBuf buf, int offset, int length, Format format) {
            try {
                if (format == Format.BINARY) {
                    int[] bits = new int[1];
                    InetAddress address = readAddress(typeName(), buf, offset, length, bits);
                    return Cidr.of(address, bits[0]);
                }
                return Cidr.parse(CodecSupport.ascii(buf, offset, length));
            } catch (IllegalArgumentException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            Cidr cidr = (Cidr) value;
            writeAddress(out, cidr.address(), cidr.prefixLength(), true);
        }
    }

    /**
     * One codec per size. A {@link MacAddress} is chosen by class through the macaddr codec,
     * which declares macaddr8 for an 8-byte address; the binary form is the bytes in both cases.
     */
    static final class MacaddrCodec extends AbstractCodec<MacAddress> {

        private final int size;

        MacaddrCodec(int oid, String typeName, int size) {
            super(oid, typeName, MacAddress.class, types(), size == 6 ? types(MacAddress.class) : types());
            this.size = size;
        }

        @Override
        MacAddress decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, size);
                byte[] bytes = new byte[size];
                buf.getBytes(offset, bytes);
                return MacAddress.of(bytes);
            }
            try {
                return MacAddress.parse(CodecSupport.ascii(buf, offset, length));
            } catch (IllegalArgumentException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof MacAddress && (size == 6 || ((MacAddress) value).size() == 8);
        }

        @Override
        public int paramOid(Object value) {
            return ((MacAddress) value).size() == 8 ? Oids.MACADDR8 : Oids.MACADDR;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeBytes(((MacAddress) value).bytes());
        }
    }
}
