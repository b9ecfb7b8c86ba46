package dev.r2dbcpg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** Decodes and encodes through the registry the way a row and a binding do. */
final class CodecTesting {

    static final CodecRegistry REGISTRY = CodecRegistry.defaults();

    private CodecTesting() {
    }

    static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes {@code value} placed in the middle of a larger buffer (as in a DataRow) and checks
     * that the codec read it with absolute indices only.
     */
    static <T> T decode(int oid, Format format, byte[] value, Class<T> target) {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeBytes(new byte[] {7, 7, 7}).writeBytes(value).writeByte(7);
            buf.readerIndex(1);
            T result = REGISTRY.forOid(oid).decode(buf, 3, value.length, format, target);
            assertThat(buf.readerIndex()).isEqualTo(1);
            assertThat(buf.writerIndex()).isEqualTo(value.length + 4);
            return result;
        } finally {
            buf.release();
        }
    }

    static String encodeHex(Codec<?> codec, Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(value, out);
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }
}
