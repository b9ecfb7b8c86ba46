package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * {@code int2}, {@code int4}, {@code int8} and {@code oid}: big-endian two's complement in
 * binary (oid unsigned), decimal digits in text. Each decodes as any of {@link #TARGETS}: wider
 * classes always, narrower ones ({@code int8} as {@code Integer}, {@code Short}, {@code Byte};
 * floating point beyond 2^24 or 2^53) when the value fits, otherwise an error naming the value and the
 * class; {@code Boolean} for 0 and 1, as pgjdbc does.
 */
final class IntegerCodecs {

    /** The classes every integer type decodes as, besides its own. */
    private static final Class<?>[] TARGETS = AbstractCodec.types(Long.class, Integer.class, Short.class, Byte.class,
            BigDecimal.class, BigInteger.class, Double.class, Float.class, Boolean.class, Number.class);

    static final Int2Codec INT2 = new Int2Codec();
    static final Int4Codec INT4 = new Int4Codec();
    static final Int8Codec INT8 = new Int8Codec();
    static final OidCodec OID = new OidCodec();

    private IntegerCodecs() {
    }

    static final class Int2Codec extends AbstractCodec<Short> {

        Int2Codec() {
            super(Oids.INT2, "int2", Short.class,
                    TARGETS,
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
            return IntegerCodecs.convert(value.longValue(), target, typeName());
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeShort(((Number) value).shortValue());
        }
    }

    static final class Int4Codec extends AbstractCodec<Integer> {

        Int4Codec() {
            super(Oids.INT4, "int4", Integer.class,
                    TARGETS,
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
            return IntegerCodecs.convert(value.longValue(), target, typeName());
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeInt((Integer) value);
        }
    }

    static final class Int8Codec extends AbstractCodec<Long> {

        Int8Codec() {
            super(Oids.INT8, "int8", Long.class,
                    TARGETS,
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
            return IntegerCodecs.convert(value, target, typeName());
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
            super(Oids.OID, "oid", Long.class, TARGETS, types());
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
            return IntegerCodecs.convert(value, target, typeName());
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

    /** Converts an integer to one of {@link #TARGETS}; a value that does not fit fails, naming itself. */
    static Object convert(long v, Class<?> target, String typeName) {
        if (target == Long.class) {
            return v;
        } else if (target == Integer.class && v == (int) v) {
            return (int) v;
        } else if (target == Short.class && v == (short) v) {
            return (short) v;
        } else if (target == Byte.class && v == (byte) v) {
            return (byte) v;
        } else if (target == BigDecimal.class) {
            return BigDecimal.valueOf(v);
        } else if (target == BigInteger.class) {
            return BigInteger.valueOf(v);
        } else if (target == Double.class && (long) (double) v == v && v != Long.MAX_VALUE) {
            return (double) v;
        } else if (target == Float.class && (long) (float) v == v && v != Long.MAX_VALUE) {
            return (float) v;
        } else if (target == Boolean.class && (v == 0 || v == 1)) {
            return v == 1;
        } else if (target == Number.class) {
            return v;
        }
        throw CodecSupport.lossy(typeName, v, target);
    }
}
