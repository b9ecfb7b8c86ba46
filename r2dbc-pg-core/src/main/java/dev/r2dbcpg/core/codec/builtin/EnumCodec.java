package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * An enum type ({@code CREATE TYPE ... AS ENUM}): the label as UTF-8 in both formats. Decodes as
 * {@code String}, or as the Java enum registered for the type (constant named as the label);
 * encodes constants of that Java enum as this type.
 */
final class EnumCodec implements Codec<Object> {

    /** Binds constants of Java enums no type was registered for; see {@link Unregistered}. */
    static final Codec<String> UNREGISTERED = new Unregistered();

    private final int oid;
    private final String typeName;
    private final @Nullable Class<? extends Enum<?>> enumClass;

    EnumCodec(int oid, String typeName, @Nullable Class<? extends Enum<?>> enumClass) {
        this.oid = oid;
        this.typeName = typeName;
        this.enumClass = enumClass;
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
    @SuppressWarnings("unchecked")
    public Class<Object> javaType() {
        Class<?> type = enumClass != null ? enumClass : String.class;
        return (Class<Object>) type;
    }

    @Override
    public boolean canDecode(Class<?> target) {
        return target == Object.class || target == String.class || (enumClass != null && target == enumClass);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
        if (!canDecode(target)) {
            throw CodecSupport.cannotDecode(typeName, target);
        }
        String label = buf.toString(offset, length, StandardCharsets.UTF_8);
        Class<? extends Enum<?>> e = enumClass;
        if (target == String.class || e == null) {
            return (U) label;
        }
        try {
            return (U) Enum.valueOf((Class) e, label);
        } catch (IllegalArgumentException notFound) {
            throw new IllegalArgumentException("Label '" + label + "' of PostgreSQL enum " + typeName
                    + " has no constant in " + e.getName());
        }
    }

    @Override
    public boolean canEncode(Object value) {
        return enumClass != null && enumClass.isInstance(value);
    }

    @Override
    public boolean canEncodeType(Class<?> type) {
        return enumClass != null && enumClass == type;
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
    public void encode(Object value, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, ((Enum<?>) value).name());
    }

    @Override
    public String toString() {
        return "EnumCodec[" + typeName + ", oid " + Integer.toUnsignedString(oid) + "]";
    }

    /**
     * Binds a constant of any Java enum no PostgreSQL type was registered for: its {@code name()}
     * in text format with the parameter type unspecified, so the server takes the type from the
     * statement (an enum column, or text). Never chosen to decode.
     */
    static final class Unregistered extends AbstractCodec<String> {

        Unregistered() {
            super(0, "enum", String.class, types(), types(Enum.class));
        }

        @Override
        String decodeValue(ByteBuf buf, int offset, int length, Format format) {
            return buf.toString(offset, length, StandardCharsets.UTF_8);
        }

        @Override
        public int paramOid(Object value) {
            return 0;
        }

        @Override
        public int paramOidForNull(Class<?> type) {
            return 0;
        }

        @Override
        public Format encodeFormat(Object value) {
            return Format.TEXT;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            ByteBufUtil.writeUtf8(out, ((Enum<?>) value).name());
        }
    }
}
