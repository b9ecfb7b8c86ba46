package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * {@code int2}, {@code int4}, {@code int8} and {@code oid}: big-endian two's complement in
 * binary (oid unsigned), decimal digits in text. Widening conversions only: an {@code int4}
 * never decodes as {@code Short}, whatever its value.
 */
final class IntegerCodecs {

    static final Int2Codec INT2 = new Int2Codec();
    static final Int4Codec INT4 = new Int4Codec();
    static final Int8Codec INT8 = new Int8Codec();
    static final OidCodec OID = new OidCodec();

    private IntegerCodecs() {
    }

    static final class Int2Codec extends AbstractCodec<Short> {

        Int2Codec() {
            super(Oids.INT2, "int2", Short.class,
                    types(Integer.class, Long.class, BigDecimal.class, Number.class),
                    types(Short.class, Byte.class));
        }

        @Override
        Short decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 2);
                return buf.getShort(offset);
            }
            long v = CodecSupport.parseLong(typeName(), buf, offset, length);
            if (v != (short) v) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
            return (short) v;
        }

        @Override
        Object convert(Short value, Class<?> target) {
            return widen(value.longValue(), target, typeName());
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeShort(((Number) value).shortValue());
        }
    }

    static final class Int4Codec extends AbstractCodec<Integer> {

        Int4Codec() {
            super(Oids.INT4, "int4", Integer.class,
                    types(Long.class, BigDecimal.class, Number.class),
                    types(Integer.class));
        }

        @Override
        Integer decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 4);
                return buf.getInt(offset);
            }
            long v = CodecSupport.parseLong(typeName(), buf, offset, length);
            if (v != (int) v) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
            return (int) v;
        }

        @Override
        Object convert(Integer value, Class<?> target) {
            return widen(value.longValue(), target, typeName());
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeInt((Integer) value);
        }
    }

    static final class Int8Codec extends AbstractCodec<Long> {

        Int8Codec() {
            super(Oids.INT8, "int8", Long.class,
                    types(BigDecimal.class, BigInteger.class, Number.class),
                    types(Long.class));
        }

        @Override
        Long decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 8);
                return buf.getLong(offset);
            }
            return CodecSupport.parseLong(typeName(), buf, offset, length);
        }

        @Override
        Object convert(Long value, Class<?> target) {
            return widen(value, target, typeName());
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeLong((Long) value);
        }
    }

    /**
     * {@code oid}: an unsigned 32-bit integer, decoded as {@code Long}. Not chosen by Java class
     * (a {@code Long} binds as {@code int8}); encodes any {@code Long} in range when asked directly.
     */
    static final class OidCodec extends AbstractCodec<Long> {

        OidCodec() {
            super(Oids.OID, "oid", Long.class, types(BigDecimal.class, BigInteger.class, Number.class), types());
        }

        @Override
        Long decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 4);
                return buf.getUnsignedInt(offset);
            }
            long v = CodecSupport.parseLong(typeName(), buf, offset, length);
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
            return v;
        }

        @Override
        Object convert(Long value, Class<?> target) {
            return widen(value, target, typeName());
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof Long && ((Long) value >>> 32) == 0;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeInt((int) (long) (Long) value);
        }
    }

    /** The widening targets shared by the integer types; Number stays the default type. */
    static Object widen(long v, Class<?> target, String typeName) {
        if (target == Long.class) {
            return v;
        } else if (target == Integer.class) {
            return (int) v;
        } else if (target == BigDecimal.class) {
            return BigDecimal.valueOf(v);
        } else if (target == BigInteger.class) {
            return BigInteger.valueOf(v);
        }
        throw CodecSupport.cannotDecode(typeName, target);
    }
}
