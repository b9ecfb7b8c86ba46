package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a type no codec knows: text as {@code String} (its {@link #javaType()}), binary as a
 * {@link ByteBuffer} copy; either as {@code String}, {@code byte[]} or {@code ByteBuffer}. It
 * claims no binary support, so such columns are requested in text. It encodes nothing.
 */
final class FallbackCodec implements Codec<String> {

    private final int oid;

    FallbackCodec(int oid) {
        this.oid = oid;
    }

    @Override
    public int oid() {
        return oid;
    }

    @Override
    public String typeName() {
        return "with OID " + Integer.toUnsignedString(oid);
    }

    @Override
    public Class<String> javaType() {
        return String.class;
    }

    @Override
    public boolean canDecode(Class<?> target) {
        return target == Object.class || target == String.class || target == byte[].class || target == ByteBuffer.class;
    }

    @Override
    public boolean supportsFormat(Format format) {
        return format == Format.TEXT;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
        if (!canDecode(target)) {
            throw CodecSupport.cannotDecode(typeName(), target);
        }
        if (target == String.class || (target == Object.class && format == Format.TEXT)) {
            return (U) buf.toString(offset, length, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[length];
        buf.getBytes(offset, bytes);
        return (U) (target == byte[].class ? bytes : ByteBuffer.wrap(bytes));
    }

    @Override
    public boolean canEncode(Object value) {
        return false;
    }

    @Override
    public int paramOid(Object value) {
        return oid;
    }

    @Override
    public Format encodeFormat(Object value) {
        return Format.TEXT;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        throw new IllegalArgumentException("Cannot encode " + value.getClass().getName()
                + " as PostgreSQL type " + typeName() + ": no codec");
    }

    @Override
    public String toString() {
        return "FallbackCodec[oid " + Integer.toUnsignedString(oid) + "]";
    }
}
