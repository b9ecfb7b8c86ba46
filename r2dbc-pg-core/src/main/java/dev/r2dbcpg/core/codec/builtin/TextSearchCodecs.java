package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * {@code tsvector} and {@code tsquery} as their text form ({@code String}).
 *
 * <p>{@code tsvector} decodes both formats: binary is an int4 lexeme count, then per lexeme a
 * NUL-terminated string, an int2 position count and int2 positions (weight in the top two bits),
 * which this codec prints as the server's text form. {@code tsquery}'s binary form is a tree in
 * prefix order; this codec does not read it and asks for text results. Both encode a
 * {@code String} in text format when asked directly (never by class: a {@code String} binds untyped).
 */
final class TextSearchCodecs {

    static final TextSearchCodec TSVECTOR = new TextSearchCodec(Oids.TSVECTOR, "tsvector");
    static final TextSearchCodec TSQUERY = new TextSearchCodec(Oids.TSQUERY, "tsquery");

    private static final char[] WEIGHTS = {'D', 'C', 'B', 'A'};

    private TextSearchCodecs() {
    }

    static final class TextSearchCodec extends AbstractCodec<String> {

        TextSearchCodec(int oid, String typeName) {
            super(oid, typeName, String.class, types(), types());
        }

        @Override
        public boolean supportsFormat(Format format) {
            return format == Format.TEXT || oid() == Oids.TSVECTOR;
        }

        @Override
        String decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.TEXT) {
                return buf.toString(offset, length, StandardCharsets.UTF_8);
            }
            if (oid() != Oids.TSVECTOR) {
                throw new IllegalArgumentException("Cannot decode PostgreSQL tsquery in binary format; request text");
            }
            try {
                return tsvector(buf, offset, length);
            } catch (IndexOutOfBoundsException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        /** Prints lexemes as {@code 'lexeme':1A,2} separated by spaces, quotes and backslashes doubled. */
        private String tsvector(ByteBuf buf, int offset, int length) {
            int end = offset + length;
            int count = buf.getInt(offset);
            int i = offset + 4;
            StringBuilder sb = new StringBuilder();
            for (int n = 0; n < count; n++) {
                int nul = buf.indexOf(i, end, (byte) 0);
                if (nul < 0) {
                    throw new IndexOutOfBoundsException();
                }
                if (n > 0) {
                    sb.append(' ');
                }
                sb.append('\'');
                String lexeme = buf.toString(i, nul - i, StandardCharsets.UTF_8);
                for (int k = 0; k < lexeme.length(); k++) {
                    char c = lexeme.charAt(k);
                    if (c == '\'' || c == '\\') {
                        sb.append(c);
                    }
                    sb.append(c);
                }
                sb.append('\'');
                int positions = buf.getUnsignedShort(nul + 1);
                i = nul + 3;
                for (int p = 0; p < positions; p++, i += 2) {
                    int word = buf.getUnsignedShort(i);
                    sb.append(p == 0 ? ':' : ',').append(word & 0x3FFF);
                    if (word >> 14 != 0) {
                        sb.append(WEIGHTS[word >> 14]);
                    }
                }
            }
            if (i != end) {
                throw new IndexOutOfBoundsException();
            }
            return sb.toString();
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
