package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;

/**
 * {@code float4} and {@code float8}: IEEE 754 bits in binary; in text the server's shortest exact
 * form, with {@code NaN}, {@code Infinity} and {@code -Infinity} spelled as Java parses them.
 */
final class FloatCodecs {

    static final Float4Codec FLOAT4 = new Float4Codec();
    static final Float8Codec FLOAT8 = new Float8Codec();

    private FloatCodecs() {
    }

    static final class Float4Codec extends AbstractCodec<Float> {

        Float4Codec() {
            super(Oids.FLOAT4, "float4", Float.class, types(Double.class, Number.class), types(Float.class));
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
            if (target == Double.class) {
                return value.doubleValue();
            }
            return super.convert(value, target);
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeFloat((Float) value);
        }
    }

    static final class Float8Codec extends AbstractCodec<Double> {

        Float8Codec() {
            super(Oids.FLOAT8, "float8", Double.class, types(Number.class), types(Double.class));
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
        public void encode(Object value, ByteBuf out) {
            out.writeDouble((Double) value);
        }
    }
}
