package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code hstore} extension type, as {@code Map<String, String>} (values may be {@code null};
 * the map keeps the server's key order and is unmodifiable). Binary: Int32 pair count, then per
 * pair Int32 key length, key, Int32 value length (-1 for NULL), value. Text:
 * {@code "k"=>"v", "n"=>NULL}. When {@code bindsMaps} is set, a bound {@code Map} is sent as
 * hstore; its keys and values must be strings (or null values).
 *
 * <p>{@link #UNTYPED} binds a {@code Map} before any {@code hstore} type is known: as hstore text with no
 * type declared, so that the server takes the type from the statement (an hstore column, {@code $1::hstore}).
 */
final class HstoreCodec implements Codec<Map<String, @Nullable String>> {

    /** Binds {@code Map<String, String>} by class as untyped hstore text; decodes nothing by OID. */
    static final HstoreCodec UNTYPED = new HstoreCodec(0, true, true);

    private final int oid;
    private final boolean bindsMaps;
    private final boolean untyped;

    HstoreCodec(int oid, boolean bindsMaps) {
        this(oid, bindsMaps, false);
    }

    private HstoreCodec(int oid, boolean bindsMaps, boolean untyped) {
        this.oid = oid;
        this.bindsMaps = bindsMaps;
        this.untyped = untyped;
    }

    @Override
    public int oid() {
        return oid;
    }

    @Override
    public String typeName() {
        return "hstore";
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<String, @Nullable String>> javaType() {
        return (Class) Map.class;
    }

    @Override
    public boolean canDecode(Class<?> target) {
        return target == Object.class || target == Map.class || target == String.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
        if (!canDecode(target)) {
            throw CodecSupport.cannotDecode("hstore", target);
        }
        if (target == String.class) {
            if (format == Format.TEXT) {
                return (U) buf.toString(offset, length, StandardCharsets.UTF_8);
            }
            return (U) toText(decodeBinary(buf, offset, length));
        }
        return (U) (format == Format.BINARY ? decodeBinary(buf, offset, length) : decodeText(buf, offset, length));
    }

    private static Map<String, @Nullable String> decodeBinary(ByteBuf buf, int offset, int length) {
        int end = offset + length;
        if (length < 4) {
            throw CodecSupport.malformed("hstore", Format.BINARY, buf, offset, length);
        }
        int count = buf.getInt(offset);
        int p = offset + 4;
        Map<String, @Nullable String> map = new LinkedHashMap<>(Math.max(4, Math.min(count, 1024) * 2));
        for (int i = 0; i < count; i++) {
            if (p + 4 > end) {
                throw CodecSupport.malformed("hstore", Format.BINARY, buf, offset, length);
            }
            int keyLength = buf.getInt(p);
            p += 4;
            if (keyLength < 0 || p + keyLength + 4 > end) {
                throw CodecSupport.malformed("hstore", Format.BINARY, buf, offset, length);
            }
            String key = buf.toString(p, keyLength, StandardCharsets.UTF_8);
            p += keyLength;
            int valueLength = buf.getInt(p);
            p += 4;
            String value = null;
            if (valueLength >= 0) {
                if (p + valueLength > end) {
                    throw CodecSupport.malformed("hstore", Format.BINARY, buf, offset, length);
                }
                value = buf.toString(p, valueLength, StandardCharsets.UTF_8);
                p += valueLength;
            }
            map.put(key, value);
        }
        if (p != end) {
            throw CodecSupport.malformed("hstore", Format.BINARY, buf, offset, length);
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, @Nullable String> decodeText(ByteBuf buf, int offset, int length) {
        String text = buf.toString(offset, length, StandardCharsets.UTF_8);
        Map<String, @Nullable String> map = new LinkedHashMap<>();
        int[] at = {0};
        skipSpaces(text, at);
        while (at[0] < text.length()) {
            String key = word(text, at, buf, offset, length);
            if (key == null) {
                throw CodecSupport.malformed("hstore", Format.TEXT, buf, offset, length);
            }
            skipSpaces(text, at);
            if (!text.startsWith("=>", at[0])) {
                throw CodecSupport.malformed("hstore", Format.TEXT, buf, offset, length);
            }
            at[0] += 2;
            skipSpaces(text, at);
            map.put(key, word(text, at, buf, offset, length));
            skipSpaces(text, at);
            if (at[0] < text.length()) {
                if (text.charAt(at[0]) != ',') {
                    throw CodecSupport.malformed("hstore", Format.TEXT, buf, offset, length);
                }
                at[0]++;
                skipSpaces(text, at);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** A quoted or bare word at {@code at[0]}; null for a bare NULL (any case). */
    private static @Nullable String word(String text, int[] at, ByteBuf buf, int offset, int length) {
        int i = at[0];
        StringBuilder out = new StringBuilder();
        if (i < text.length() && text.charAt(i) == '"') {
            i++;
            while (true) {
                if (i >= text.length()) {
                    throw CodecSupport.malformed("hstore", Format.TEXT, buf, offset, length);
                }
                char c = text.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (i >= text.length()) {
                        throw CodecSupport.malformed("hstore", Format.TEXT, buf, offset, length);
                    }
                    c = text.charAt(i++);
                }
                out.append(c);
            }
            at[0] = i;
            return out.toString();
        }
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ',' || c == '=' || Character.isWhitespace(c)) {
                break;
            }
            if (c == '\\' && i + 1 < text.length()) {
                c = text.charAt(++i);
            }
            out.append(c);
            i++;
        }
        at[0] = i;
        String word = out.toString();
        if (word.isEmpty()) {
            throw CodecSupport.malformed("hstore", Format.TEXT, buf, offset, length);
        }
        return word.equalsIgnoreCase("NULL") ? null : word;
    }

    private static void skipSpaces(String text, int[] at) {
        while (at[0] < text.length() && Character.isWhitespace(text.charAt(at[0]))) {
            at[0]++;
        }
    }

    /** The server's text form of a map: every key and value quoted, {@code NULL} bare. */
    static String toText(Map<?, ?> map) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            quote(out, String.valueOf(e.getKey()));
            out.append("=>");
            if (e.getValue() == null) {
                out.append("NULL");
            } else {
                quote(out, String.valueOf(e.getValue()));
            }
        }
        return out.toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    @Override
    public boolean canEncode(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return false;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String) || (e.getValue() != null && !(e.getValue() instanceof String))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean canEncodeType(Class<?> type) {
        return bindsMaps && Map.class.isAssignableFrom(type);
    }

    @Override
    public int paramOid(Object value) {
        return untyped ? dev.r2dbcpg.core.codec.Oids.UNSPECIFIED : oid;
    }

    @Override
    public int paramOidForNull(Class<?> type) {
        return paramOid(type);
    }

    @Override
    public Format encodeFormat(Object value) {
        return untyped ? Format.TEXT : Format.BINARY;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        Map<?, ?> map = (Map<?, ?>) value;
        if (untyped) {
            ByteBufUtil.writeUtf8(out, toText(map));
            return;
        }
        out.writeInt(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            writeString(out, (String) e.getKey());
            Object v = e.getValue();
            if (v == null) {
                out.writeInt(-1);
            } else {
                writeString(out, (String) v);
            }
        }
    }

    private static void writeString(ByteBuf out, String s) {
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        int written = ByteBufUtil.writeUtf8(out, s);
        out.setInt(lengthAt, written);
    }

    @Override
    public String toString() {
        return "HstoreCodec[oid " + Integer.toUnsignedString(oid) + "]";
    }
}
