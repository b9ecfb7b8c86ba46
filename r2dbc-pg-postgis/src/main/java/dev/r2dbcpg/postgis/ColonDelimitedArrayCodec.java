package dev.r2dbcpg.postgis;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.builtin.ArrayCodecs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The array codec of {@code geometry[]} and {@code geography[]}: {@link ArrayCodecs#arrayOf} for
 * everything but the text format, which PostGIS writes with its types' delimiter {@code ':'}
 * ({@code pg_type.typdelim}) where the core's array text parser expects {@code ','}. The text is
 * decoded from a copy in which each {@code ':'} after the first brace becomes {@code ','}: the
 * elements are hexadecimal EWKB or {@code NULL} and never contain either character, and the colons of
 * a lower-bounds prefix ({@code [0:1]=}) stand before the first brace.
 */
final class ColonDelimitedArrayCodec implements Codec<Object[]> {

    private final Codec<Object[]> array;

    ColonDelimitedArrayCodec(Codec<?> element, int arrayOid) {
        this.array = ArrayCodecs.arrayOf(element, arrayOid);
    }

    @Override
    public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
        if (format == Format.BINARY) {
            return array.decode(buf, offset, length, format, target);
        }
        byte[] text = new byte[length];
        buf.getBytes(offset, text);
        boolean inBraces = false;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '{') {
                inBraces = true;
            } else if (inBraces && text[i] == ':') {
                text[i] = ',';
            }
        }
        ByteBuf commas = Unpooled.wrappedBuffer(text);
        try {
            return array.decode(commas, 0, length, format, target);
        } finally {
            commas.release();
        }
    }

    @Override
    public int oid() {
        return array.oid();
    }

    @Override
    public String typeName() {
        return array.typeName();
    }

    @Override
    public Class<Object[]> javaType() {
        return array.javaType();
    }

    @Override
    public boolean canDecode(Class<?> target) {
        return array.canDecode(target);
    }

    @Override
    public boolean supportsFormat(Format format) {
        return array.supportsFormat(format);
    }

    @Override
    public boolean canEncode(Object value) {
        return array.canEncode(value);
    }

    @Override
    public boolean canEncodeType(Class<?> type) {
        return array.canEncodeType(type);
    }

    @Override
    public int paramOid(Object value) {
        return array.paramOid(value);
    }

    @Override
    public int paramOidForNull(Class<?> type) {
        return array.paramOidForNull(type);
    }

    @Override
    public Format encodeFormat(Object value) {
        return array.encodeFormat(value);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        array.encode(value, out);
    }

    @Override
    public String toString() {
        return "ColonDelimitedArrayCodec[" + array + "]";
    }
}
