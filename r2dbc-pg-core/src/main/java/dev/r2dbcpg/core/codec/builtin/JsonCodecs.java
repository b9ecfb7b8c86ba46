package dev.r2dbcpg.core.codec.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code json}, {@code jsonb} and {@code jsonpath}, and the hook to read and write JSON with
 * your own Jackson {@link ObjectMapper}.
 *
 * <p>{@code json} is the JSON text in both formats; {@code jsonb} and {@code jsonpath} prefix
 * their binary form with a version byte (1). {@code Row.get(i)} returns the text as
 * {@code String}. {@code json} and {@code jsonb} also decode as {@code byte[]} (the UTF-8 text),
 * as {@link JsonNode}, and as any other class through the codec's {@code ObjectMapper}
 * ({@code row.get("doc", MyPojo.class)}, {@code Map.class}).
 *
 * <p>Binding: a {@link JsonNode} binds as {@code jsonb}. A {@code String} binds untyped (the
 * server reads it as json or jsonb by context). Other classes bind as {@code jsonb} only through
 * codecs from {@link #withObjectMapper} that list them.
 */
public final class JsonCodecs {

    private static final int VERSION = 1;
    private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder().build();

    static final JsonCodec JSON = new JsonCodec(Oids.JSON, "json", DEFAULT_MAPPER, new Class<?>[0]);
    static final JsonCodec JSONB = new JsonCodec(Oids.JSONB, "jsonb", DEFAULT_MAPPER, new Class<?>[] {JsonNode.class});
    static final JsonCodec JSONPATH = new JsonCodec(Oids.JSONPATH, "jsonpath", DEFAULT_MAPPER, new Class<?>[0]);

    private JsonCodecs() {
    }

    /**
     * Returns {@code json} and {@code jsonb} codecs that read and write through {@code mapper},
     * for {@link dev.r2dbcpg.core.codec.CodecRegistry#register}:
     *
     * <pre>{@code
     * JsonCodecs.withObjectMapper(mapper, Map.class, Order.class).forEach(factory.codecs()::register);
     * }</pre>
     *
     * <p>Once registered, values whose class is a {@link JsonNode} or assignable to one of
     * {@code encodedTypes} bind as {@code jsonb}, written with {@code mapper}; and {@code json}
     * and {@code jsonb} columns decode to any class with {@code mapper}.
     *
     * @param mapper       the mapper; must be thread-safe once configured, as Jackson's is
     * @param encodedTypes classes (and their subclasses) to bind as {@code jsonb}; not
     *                     {@code String} or other classes with a built-in codec you want to keep
     * @return the json codec, then the jsonb codec
     */
    public static List<Codec<?>> withObjectMapper(ObjectMapper mapper, Class<?>... encodedTypes) {
        Class<?>[] types = new Class<?>[encodedTypes.length + 1];
        types[0] = JsonNode.class;
        System.arraycopy(encodedTypes, 0, types, 1, encodedTypes.length);
        return List.of(new JsonCodec(Oids.JSON, "json", mapper, new Class<?>[0]),
                new JsonCodec(Oids.JSONB, "jsonb", mapper, types));
    }

    /** One JSON type read and written through a mapper; the class list says what it binds by class. */
    static final class JsonCodec implements Codec<String> {

        private final int oid;
        private final String typeName;
        private final ObjectMapper mapper;
        private final Class<?>[] encodedTypes;
        private final boolean versioned;

        JsonCodec(int oid, String typeName, ObjectMapper mapper, Class<?>[] encodedTypes) {
            this.oid = oid;
            this.typeName = typeName;
            this.mapper = mapper;
            this.encodedTypes = encodedTypes;
            this.versioned = oid != Oids.JSON;
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
        public Class<String> javaType() {
            return String.class;
        }

        @Override
        public boolean canDecode(Class<?> target) {
            Class<?> t = CodecSupport.wrap(target);
            return oid != Oids.JSONPATH || t == Object.class || t == String.class;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
            Class<?> t = CodecSupport.wrap(target);
            if (!canDecode(t)) {
                throw CodecSupport.cannotDecode(typeName, target);
            }
            int start = offset;
            int n = length;
            if (versioned && format == Format.BINARY) {
                if (length < 1 || buf.getByte(offset) != VERSION) {
                    throw new IllegalArgumentException("Unsupported PostgreSQL " + typeName + " binary version "
                            + (length < 1 ? "(empty value)" : String.valueOf(buf.getByte(offset))));
                }
                start++;
                n--;
            }
            if (t == Object.class || t == String.class) {
                return (U) buf.toString(start, n, StandardCharsets.UTF_8);
            }
            byte[] bytes = ByteBufUtil.getBytes(buf, start, n);
            if (t == byte[].class) {
                return (U) bytes;
            }
            try {
                Object value = JsonNode.class.isAssignableFrom(t) ? mapper.readTree(bytes) : mapper.readValue(bytes, t);
                if (!t.isInstance(value)) {
                    throw new IllegalArgumentException("Cannot decode PostgreSQL " + typeName + " value as "
                            + target.getName() + ": it is a " + (value == null ? "JSON null" : value.getClass().getSimpleName()));
                }
                return (U) value;
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot decode PostgreSQL " + typeName + " value as "
                        + target.getName() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof String || (oid != Oids.JSONPATH && canEncodeType(value.getClass()));
        }

        @Override
        public boolean canEncodeType(Class<?> type) {
            for (Class<?> c : encodedTypes) {
                if (c.isAssignableFrom(type)) {
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
        public void encode(Object value, ByteBuf out) {
            byte[] json = null;
            if (!(value instanceof String)) {
                try {
                    json = mapper.writeValueAsBytes(value);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON: "
                            + e.getOriginalMessage(), e);
                }
            }
            if (versioned) {
                out.writeByte(VERSION);
            }
            if (json != null) {
                out.writeBytes(json);
            } else {
                ByteBufUtil.writeUtf8(out, (String) value);
            }
        }

        @Override
        public String toString() {
            return "JsonCodec[" + typeName + ", oid " + oid + "]";
        }
    }
}
