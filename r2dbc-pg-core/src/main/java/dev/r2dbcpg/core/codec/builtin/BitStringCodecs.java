package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.types.BitString;
import io.netty.buffer.ByteBuf;
import java.util.BitSet;

/**
 * {@code bit} and {@code varbit}: in binary an int4 bit count and the bits packed most
 * significant first; in text a string of 0 and 1. Decoded as {@link BitString}, {@link BitSet}
 * (bit 0 leftmost; the length is lost) or {@code String}. {@link BitString} and {@link BitSet}
 * bind as {@code varbit} (the server casts it to {@code bit(n)} implicitly); a {@link BitSet}
 * becomes a bit string of {@link BitSet#length()} bits, so trailing zero bits are not sent.
 */
final class BitStringCodecs {

    static final BitCodec BIT = new BitCodec(Oids.BIT, "bit");
    static final BitCodec VARBIT = new BitCodec(Oids.VARBIT, "varbit");

    private BitStringCodecs() {
    }

    static final class BitCodec extends AbstractCodec<BitString> {

        BitCodec(int oid, String typeName) {
            super(oid, typeName, BitString.class, types(BitSet.class),
                    oid == Oids.VARBIT ? types(BitString.class, BitSet.class) : types());
        }

        @Override
        BitString decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.TEXT) {
                try {
                    return BitString.parse(CodecSupport.ascii(buf, offset, length));
                } catch (IllegalArgumentException e) {
                    throw CodecSupport.malformed(typeName(), format, buf, offset, length);
                }
            }
            int bits = length >= 4 ? buf.getInt(offset) : -1;
            if (bits < 0 || length != 4 + (bits + 7L) / 8) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
            byte[] bytes = new byte[length - 4];
            buf.getBytes(offset + 4, bytes);
            return BitString.of(bytes, bits);
        }

        @Override
        Object convert(BitString value, Class<?> target) {
            return target == BitSet.class ? value.toBitSet() : super.convert(value, target);
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof BitString || value instanceof BitSet;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            BitString bits = value instanceof BitString ? (BitString) value
                    : BitString.of((BitSet) value, ((BitSet) value).length());
            out.writeInt(bits.length()).writeBytes(bits.toByteArray());
        }
    }
}
