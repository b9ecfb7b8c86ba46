package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import io.netty.buffer.ByteBuf;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The common shape of a built-in codec: a fixed OID, name and default Java type, a list of extra
 * decode targets and a list of Java classes it encodes. Subclasses write {@link #decodeValue},
 * {@link #convert} for their extra targets, and {@link #encode}.
 */
abstract class AbstractCodec<T> implements Codec<T> {

    private static final Class<?>[] NONE = new Class<?>[0];

    private final int oid;
    private final String typeName;
    private final Class<T> javaType;
    private final Class<?>[] decodeTargets;
    private final Class<?>[] encodeTypes;

    AbstractCodec(int oid, String typeName, Class<T> javaType, Class<?>[] decodeTargets, Class<?>[] encodeTypes) {
        this.oid = oid;
        this.typeName = typeName;
        this.javaType = javaType;
        this.decodeTargets = decodeTargets;
        this.encodeTypes = encodeTypes;
    }

    static Class<?>[] types(Class<?>... types) {
        return types.length == 0 ? NONE : types;
    }

    @Override
    public final int oid() {
        return oid;
    }

    @Override
    public final String typeName() {
        return typeName;
    }

    @Override
    public final Class<T> javaType() {
        return javaType;
    }

    @Override
    public final boolean canDecode(Class<?> target) {
        Class<?> t = CodecSupport.wrap(target);
        if (t == Object.class || t == javaType || t == String.class) {
            return true;
        }
        for (Class<?> c : decodeTargets) {
            if (c == t) {
                return true;
            }
        }
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
        Class<?> t = CodecSupport.wrap(target);
        if (!canDecode(t)) {
            throw CodecSupport.cannotDecode(typeName, target);
        }
        if (t == String.class && javaType != String.class) {
            return (U) decodeText(buf, offset, length, format, ZoneOffset.UTC);
        }
        T value = decodeValue(buf, offset, length, format);
        return (U) (t == Object.class || t.isInstance(value) ? value : convert(value, t));
    }

    /** Decodes the value as {@link #javaType()}; absolute reads only. */
    abstract T decodeValue(ByteBuf buf, int offset, int length, Format format);

    @Override
    public String decodeText(ByteBuf buf, int offset, int length, Format format, ZoneId timeZone) {
        if (format == Format.TEXT || javaType == String.class) {
            return Codec.super.decodeText(buf, offset, length, format, timeZone);
        }
        return text(decodeValue(buf, offset, length, format), timeZone);
    }

    /** PostgreSQL's text output of a value decoded from binary; {@code toString()} unless overridden. */
    String text(T value, ZoneId timeZone) {
        return value.toString();
    }

    /** Converts a decoded value to one of the extra decode targets (already wrapped). */
    Object convert(T value, Class<?> target) {
        throw CodecSupport.cannotDecode(typeName, target);
    }

    @Override
    public boolean canEncode(Object value) {
        for (Class<?> c : encodeTypes) {
            if (c.isInstance(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean canEncodeType(Class<?> type) {
        Class<?> t = CodecSupport.wrap(type);
        for (Class<?> c : encodeTypes) {
            if (c.isAssignableFrom(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int paramOid(Object value) {
        return oid;
    }

    @Override
    public Format encodeFormat(Object value) {
        return Format.BINARY;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + typeName + ", oid " + oid + "]";
    }
}
