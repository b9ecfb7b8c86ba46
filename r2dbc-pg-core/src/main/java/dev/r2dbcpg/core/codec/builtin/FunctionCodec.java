package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A codec made of the user's encoder and decoder functions in one format: text functions see and
 * return the value's text (a {@code String}), binary functions its bytes. Results of the type are
 * requested in that format; values of {@code javaType} bind as the type, in that format.
 */
final class FunctionCodec<T> implements Codec<T> {

    private final int oid;
    private final String typeName;
    private final Class<T> javaType;
    private final Format format;
    private final Function<? super T, ?> encoder;
    private final Function<Object, ? extends T> decoder;

    @SuppressWarnings("unchecked")
    FunctionCodec(int oid, String typeName, Class<T> javaType, Format format, Function<? super T, ?> encoder,
            Function<?, ? extends T> decoder) {
        this.oid = oid;
        this.typeName = typeName;
        this.javaType = javaType;
        this.format = format;
        this.encoder = encoder;
        this.decoder = (Function<Object, ? extends T>) decoder;
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
        return javaType;
    }

    @Override
    public boolean canDecode(Class<?> target) {
        Class<?> t = CodecSupport.wrap(target);
        return t == Object.class || t == javaType;
    }

    @Override
    public boolean supportsFormat(Format f) {
        return f == format;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U> U decode(ByteBuf buf, int offset, int length, Format f, Class<U> target) {
        if (!canDecode(target)) {
            throw CodecSupport.cannotDecode(typeName, target);
        }
        if (f != format) {
            throw new IllegalArgumentException("The codec of " + typeName + " reads " + format.name().toLowerCase(java.util.Locale.ROOT)
                    + " format only, got " + f.name().toLowerCase(java.util.Locale.ROOT));
        }
        Object input;
        if (format == Format.TEXT) {
            input = buf.toString(offset, length, StandardCharsets.UTF_8);
        } else {
            byte[] bytes = new byte[length];
            buf.getBytes(offset, bytes);
            input = bytes;
        }
        T value;
        try {
            value = decoder.apply(input);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The decoder of " + typeName + " failed: " + e, e);
        }
        if (value == null) {
            throw new IllegalArgumentException("The decoder of " + typeName + " returned null");
        }
        return (U) value;
    }

    @Override
    public boolean canEncode(Object value) {
        return javaType.isInstance(value);
    }

    @Override
    public boolean canEncodeType(Class<?> type) {
        return javaType.isAssignableFrom(CodecSupport.wrap(type));
    }

    @Override
    public int paramOid(Object value) {
        return oid;
    }

    @Override
    public Format encodeFormat(Object value) {
        return format;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        Object encoded = encoder.apply(javaType.cast(value));
        if (format == Format.TEXT) {
            if (!(encoded instanceof String s)) {
                throw new IllegalArgumentException("The text encoder of " + typeName + " returned " + encoded);
            }
            out.writeCharSequence(s, StandardCharsets.UTF_8);
        } else {
            if (!(encoded instanceof byte[] bytes)) {
                throw new IllegalArgumentException("The binary encoder of " + typeName + " returned " + encoded);
            }
            out.writeBytes(bytes);
        }
    }

    @Override
    public String toString() {
        return "FunctionCodec[" + typeName + ", oid " + Integer.toUnsignedString(oid) + ", " + format + "]";
    }
}
