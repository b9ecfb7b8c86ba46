package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;

/**
 * {@code float4} and {@code float8}: IEEE 754 bits in binary; in text the server's shortest exact
 * form, with {@code NaN}, {@code Infinity} and {@code -Infinity} spelled as Java parses them.
 */
final class FloatCodecs {

    /** The classes both float types decode as, besides their own. */
    private static final Class<?>[] TARGETS = AbstractCodec.types(Double.class, Float.class, BigDecimal.class,
            Long.class, Integer.class, Short.class, Byte.class, Number.class);

    static final Float4Codec FLOAT4 = new Float4Codec();
    static final Float8Codec FLOAT8 = new Float8Codec();

    private FloatCodecs() {
    }

    /**
     * Converts a float value to one of {@link #TARGETS} when nothing is lost: to {@code Float} when the
     * double is a float, to {@code BigDecimal} as the digits PostgreSQL prints, to the integer classes
     * when integral and in range. Otherwise fails, naming the value.
     */
    static Object convert(double v, String text, Class<?> target, String typeName) {
        if (target == Double.class) {
            return v;
        } else if (target == Float.class && ((float) v == v || Double.isNaN(v))) {
            return (float) v;
        } else if (target == BigDecimal.class && !Double.isNaN(v) && !Double.isInfinite(v)) {
            return new BigDecimal(text);
        } else if (v == Math.rint(v) && !Double.isInfinite(v) && v >= -0x1p63 && v < 0x1p63
                && target != Float.class && target != BigDecimal.class) {
            return IntegerCodecs.convert((long) v, target, typeName);
        }
        throw CodecSupport.lossy(typeName, text, target);
    }

    static final class Float4Codec extends AbstractCodec<Float> {

        Float4Codec() {
            super(Oids.FLOAT4, "float4", Float.class, TARGETS, types(Float.class));
        }

        @Override
        Float decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 4);
                return buf.getFloat(offset);
            }
            try {
                return Float.parseFloat(CodecSupport.ascii(buf, offset, length));
            } catch (NumberFormatException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        @Override
        Object convert(Float value, Class<?> target) {
            return FloatCodecs.convert(value, TextOutput.float4(value), target, typeName());
        }

        @Override
        String text(Float value, java.time.ZoneId timeZone) {
            return TextOutput.float4(value);
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeFloat((Float) value);
        }
    }

    static final class Float8Codec extends AbstractCodec<Double> {

        Float8Codec() {
            super(Oids.FLOAT8, "float8", Double.class, TARGETS, types(Double.class));
        }

        @Override
        Double decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 8);
                return buf.getDouble(offset);
            }
            try {
                return Double.parseDouble(CodecSupport.ascii(buf, offset, length));
            } catch (NumberFormatException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        @Override
        Object convert(Double value, Class<?> target) {
            return FloatCodecs.convert(value, TextOutput.float8(value), target, typeName());
        }

        @Override
        String text(Double value, java.time.ZoneId timeZone) {
            return TextOutput.float8(value);
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeDouble((Double) value);
        }
    }
}
