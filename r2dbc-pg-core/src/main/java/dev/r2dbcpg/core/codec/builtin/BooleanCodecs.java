package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;

/** {@code bool}: one byte 0/1 in binary, {@code t}/{@code f} in text. */
final class BooleanCodecs {

    static final BoolCodec BOOL = new BoolCodec();

    private BooleanCodecs() {
    }

    static final class BoolCodec extends AbstractCodec<Boolean> {

        BoolCodec() {
            super(Oids.BOOL, "bool", Boolean.class, types(), types(Boolean.class));
        }

        @Override
        Boolean decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 1);
                return buf.getByte(offset) != 0;
            }
            // boolout writes t/f; accept the spelled-out forms that ::text produces too
            byte first = length == 0 ? 0 : buf.getByte(offset);
            if ((first == 't' && (length == 1 || length == 4)) || (first == 'f' && (length == 1 || length == 5))) {
                return first == 't';
            }
            throw CodecSupport.malformed(typeName(), format, buf, offset, length);
        }

        @Override
        String text(Boolean value, java.time.ZoneId timeZone) {
            return value ? "t" : "f";
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeByte((Boolean) value ? 1 : 0);
        }
    }
}
