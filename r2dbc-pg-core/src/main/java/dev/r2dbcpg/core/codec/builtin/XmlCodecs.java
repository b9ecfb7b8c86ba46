package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * {@code xml} as {@code String}: both formats carry the document text in the client encoding
 * (UTF-8). Encodes a {@code String} in text format when asked directly; by class a
 * {@code String} binds untyped, which an xml column accepts as well.
 */
final class XmlCodecs {

    static final XmlCodec XML = new XmlCodec();

    private XmlCodecs() {
    }

    static final class XmlCodec extends AbstractCodec<String> {

        XmlCodec() {
            super(Oids.XML, "xml", String.class, types(), types());
        }

        @Override
        String decodeValue(ByteBuf buf, int offset, int length, Format format) {
            return buf.toString(offset, length, StandardCharsets.UTF_8);
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof String;
        }

        @Override
        public Format encodeFormat(Object value) {
            return Format.TEXT;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            ByteBufUtil.writeUtf8(out, (String) value);
        }
    }
}
