package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import io.netty.buffer.ByteBuf;

/**
 * Another codec's wire formats under a different type OID: a domain over its base type, an
 * extension type whose formats are a built-in type's ({@code citext} as {@code text}), or a type
 * the user gave a built-in codec. Binds values as the base codec does (a domain's parameter is
 * sent as its base type; the server coerces it) and is never chosen by Java class.
 */
final class RetypedCodec<T> implements Codec<T> {

    private final Codec<T> base;
    private final int oid;
    private final String typeName;

    RetypedCodec(Codec<T> base, int oid, String typeName) {
        this.base = base;
        this.oid = oid;
        this.typeName = typeName;
    }

    Codec<T> base() {
        return base;
    }

    @Override
    public int oid() {
        return oid;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public Class<T> javaType() {
        return base.javaType();
    }

    @Override
    public boolean canDecode(Class<?> target) {
        return base.canDecode(target);
    }

    @Override
    public boolean supportsFormat(Format format) {
        return base.supportsFormat(format);
    }

    @Override
    public String decodeText(ByteBuf buf, int offset, int length, Format format, java.time.ZoneId timeZone) {
        return base.decodeText(buf, offset, length, format, timeZone);
    }

    @Override
    public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
        try {
            return base.decode(buf, offset, length, format, target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(typeName + " (over " + base.typeName() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public boolean canEncode(Object value) {
        return base.canEncode(value);
    }

    @Override
    public int paramOid(Object value) {
        return base.paramOid(value);
    }

    @Override
    public Format encodeFormat(Object value) {
        return base.encodeFormat(value);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        base.encode(value, out);
    }

    @Override
    public String toString() {
        return "RetypedCodec[" + typeName + ", oid " + Integer.toUnsignedString(oid) + " as " + base + "]";
    }
}
