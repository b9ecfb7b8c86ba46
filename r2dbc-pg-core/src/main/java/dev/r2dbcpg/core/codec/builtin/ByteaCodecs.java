package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import io.r2dbc.spi.Blob;
import java.nio.ByteBuffer;
import reactor.core.publisher.Mono;

/**
 * {@code bytea}: the raw bytes in binary; in text the hex form {@code \x0aff} (bytea_output=hex,
 * the default) or the legacy escape form ({@code \\} and {@code \ooo} octal escapes).
 */
final class ByteaCodecs {

    static final ByteaCodec BYTEA = new ByteaCodec();

    private ByteaCodecs() {
    }

    /**
     * {@code bytea} as a {@link ByteBuffer} (the R2DBC mapping of binary strings), {@code byte[]}
     * or {@link Blob}; every result is a copy that outlives the row. Encodes {@code byte[]} and
     * {@code ByteBuffer} (its remaining bytes, without moving its position) in binary.
     */
    static final class ByteaCodec extends AbstractCodec<ByteBuffer> {

        ByteaCodec() {
            super(Oids.BYTEA, "bytea", ByteBuffer.class, types(byte[].class, Blob.class),
                    types(byte[].class, ByteBuffer.class));
        }

        @Override
        ByteBuffer decodeValue(ByteBuf buf, int offset, int length, Format format) {
            return ByteBuffer.wrap(bytes(buf, offset, length, format));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
            if (target == byte[].class) {
                return (U) bytes(buf, offset, length, format);
            }
            return super.decode(buf, offset, length, format, target);
        }

        @Override
        String text(ByteBuffer value, java.time.ZoneId timeZone) {
            return TextOutput.hex(bytes(value));
        }

        private static byte[] bytes(ByteBuffer value) {
            byte[] bytes = new byte[value.remaining()];
            value.duplicate().get(bytes);
            return bytes;
        }

        @Override
        Object convert(ByteBuffer value, Class<?> target) {
            return Blob.from(Mono.just(value));
        }

        private byte[] bytes(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                byte[] bytes = new byte[length];
                buf.getBytes(offset, bytes);
                return bytes;
            }
            if (length >= 2 && buf.getByte(offset) == '\\' && buf.getByte(offset + 1) == 'x') {
                return hex(buf, offset, length);
            }
            return escape(buf, offset, length);
        }

        private byte[] hex(ByteBuf buf, int offset, int length) {
            if (length % 2 != 0) {
                throw CodecSupport.malformed(typeName(), "text", buf, offset, length);
            }
            byte[] bytes = new byte[(length - 2) / 2];
            for (int i = 0; i < bytes.length; i++) {
                int hi = Character.digit(buf.getByte(offset + 2 + 2 * i), 16);
                int lo = Character.digit(buf.getByte(offset + 3 + 2 * i), 16);
                if (hi < 0 || lo < 0) {
                    throw CodecSupport.malformed(typeName(), "text", buf, offset, length);
                }
                bytes[i] = (byte) (hi << 4 | lo);
            }
            return bytes;
        }

        private byte[] escape(ByteBuf buf, int offset, int length) {
            byte[] bytes = new byte[length];
            int n = 0;
            int end = offset + length;
            for (int i = offset; i < end; n++) {
                byte b = buf.getByte(i);
                if (b != '\\') {
                    bytes[n] = b;
                    i++;
                } else if (i + 1 < end && buf.getByte(i + 1) == '\\') {
                    bytes[n] = '\\';
                    i += 2;
                } else if (i + 3 < end && isOctal(buf.getByte(i + 1)) && isOctal(buf.getByte(i + 2))
                        && isOctal(buf.getByte(i + 3))) {
                    bytes[n] = (byte) ((buf.getByte(i + 1) - '0') << 6 | (buf.getByte(i + 2) - '0') << 3
                            | (buf.getByte(i + 3) - '0'));
                    i += 4;
                } else {
                    throw CodecSupport.malformed(typeName(), "text", buf, offset, length);
                }
            }
            return n == length ? bytes : java.util.Arrays.copyOf(bytes, n);
        }

        private static boolean isOctal(byte b) {
            return b >= '0' && b <= '7';
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            if (value instanceof byte[]) {
                out.writeBytes((byte[]) value);
            } else {
                out.writeBytes(((ByteBuffer) value).duplicate());
            }
        }
    }
}
