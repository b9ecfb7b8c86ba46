package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.types.Composite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A composite type or an anonymous {@code record}. Binary form: Int32 attribute count, then per
 * attribute Int32 type OID, Int32 length (-1 for NULL) and the value in its type's binary form.
 * Text form: {@code (v1,"v 2",)}, an empty position being NULL.
 *
 * <p>A named composite type has fixed attributes, each with its codec. An anonymous record
 * (OID 2249) names the type of each value in the binary data, so its codecs are looked up per
 * value through {@code lookup}; in text its values are strings.
 *
 * <p>Decodes as {@link Composite}, or as the Java {@code record} class registered for the type
 * (components matched to attributes by position, each converted to the component's class).
 * Encodes instances of that record class, and {@link Composite} values whose type name is this
 * type's (attributes by position; names, where given, must be the type's), in binary. An
 * anonymous record encodes nothing: the server does not take {@code record} input in binary.
 * A typed null of class {@code Composite} declares no type, the server infers it.
 */
final class CompositeCodec implements Codec<Object> {

    /** One attribute of a composite type. */
    record Attribute(String name, int oid, Codec<?> codec) {
    }

    private final int oid;
    private final String typeName;
    private final @Nullable List<Attribute> attributes;
    private final @Nullable IntFunction<Codec<?>> lookup;
    private final @Nullable Class<? extends Record> recordClass;
    private final @Nullable RecordComponent[] components;
    private final @Nullable Constructor<? extends Record> constructor;

    CompositeCodec(int oid, String typeName, @Nullable List<Attribute> attributes,
            @Nullable IntFunction<Codec<?>> lookup, @Nullable Class<? extends Record> recordClass) {
        this.oid = oid;
        this.typeName = typeName;
        this.attributes = attributes;
        this.lookup = lookup;
        this.recordClass = recordClass;
        if (recordClass == null) {
            this.components = null;
            this.constructor = null;
            return;
        }
        RecordComponent[] rc = recordClass.getRecordComponents();
        if (attributes != null && rc.length != attributes.size()) {
            throw new IllegalArgumentException(recordClass.getName() + " has " + rc.length + " components but "
                    + typeName + " has " + attributes.size() + " attributes");
        }
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
            rc[i].getAccessor().setAccessible(true);
        }
        try {
            Constructor<? extends Record> c = recordClass.getDeclaredConstructor(types);
            c.setAccessible(true);
            this.constructor = c;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("No canonical constructor in " + recordClass.getName(), e);
        }
        this.components = rc;
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
        return (Class<Object>) (recordClass != null ? recordClass : Composite.class);
    }

    @Override
    public boolean canDecode(Class<?> target) {
        return target == Object.class || target == Composite.class || target == String.class
                || (recordClass != null && target == recordClass);
    }

    @Override
    public boolean supportsFormat(Format format) {
        if (format == Format.TEXT || attributes == null) {
            return true;
        }
        for (Attribute a : attributes) {
            if (!a.codec().supportsFormat(Format.BINARY)) {
                return false;
            }
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
        if (!canDecode(target)) {
            throw CodecSupport.cannotDecode(typeName, target);
        }
        if (target == String.class) {
            return (U) decodeText(buf, offset, length, format, java.time.ZoneOffset.UTC);
        }
        boolean asRecord = recordClass != null && target != Composite.class;
        List<Attribute> attrs = attributes;
        List<String> names = new ArrayList<>();
        List<@Nullable Object> values = new ArrayList<>();
        if (format == Format.BINARY) {
            decodeBinary(buf, offset, length, asRecord, null, names, values);
        } else {
            List<@Nullable String> texts = parseText(buf, offset, length);
            if (attrs != null && texts.size() != attrs.size()) {
                throw CodecSupport.malformed(typeName, format, buf, offset, length);
            }
            ByteBuf scratch = Unpooled.buffer();
            try {
                for (int i = 0; i < texts.size(); i++) {
                    String text = texts.get(i);
                    names.add(attrs != null ? attrs.get(i).name() : "f" + (i + 1));
                    if (text == null || attrs == null) {
                        values.add(text);
                        continue;
                    }
                    scratch.clear();
                    int n = ByteBufUtil.writeUtf8(scratch, text);
                    values.add(decodeAttribute(attrs.get(i).codec(), scratch, 0, n, Format.TEXT, i, asRecord));
                }
            } finally {
                scratch.release();
            }
        }
        return (U) (asRecord ? construct(values) : Composite.of(typeName, names, values));
    }

    /** {@code record_out}: the attributes' text output in parentheses, quoted as needed; NULL is nothing. */
    @Override
    public String decodeText(ByteBuf buf, int offset, int length, Format format, java.time.ZoneId timeZone) {
        if (format == Format.TEXT) {
            return buf.toString(offset, length, StandardCharsets.UTF_8);
        }
        List<String> names = new ArrayList<>();
        List<@Nullable Object> values = new ArrayList<>();
        decodeBinary(buf, offset, length, false, timeZone, names, values);
        StringBuilder sb = new StringBuilder().append('(');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values.get(i);
            if (v != null) {
                TextOutput.compositeAttribute(sb, (String) v);
            }
        }
        return sb.append(')').toString();
    }

    /** Decodes the attributes into {@code values}; as their text output when {@code asText} is given. */
    private void decodeBinary(ByteBuf buf, int offset, int length, boolean asRecord, java.time.@Nullable ZoneId asText,
            List<String> names, List<@Nullable Object> values) {
        int end = offset + length;
        if (length < 4) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        int count = buf.getInt(offset);
        List<Attribute> attrs = attributes;
        if (count < 0 || (attrs != null && count != attrs.size())) {
            throw new IllegalArgumentException("Malformed PostgreSQL " + typeName + " value in binary format: "
                    + count + " attributes, expected " + (attrs == null ? "some" : attrs.size()));
        }
        int p = offset + 4;
        for (int i = 0; i < count; i++) {
            if (p + 8 > end) {
                throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
            }
            int fieldOid = buf.getInt(p);
            int fieldLength = buf.getInt(p + 4);
            p += 8;
            if (fieldLength > end - p) {
                throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
            }
            names.add(attrs != null ? attrs.get(i).name() : "f" + (i + 1));
            if (fieldLength < 0) {
                values.add(null);
                continue;
            }
            Codec<?> codec = attrs != null ? attrs.get(i).codec() : anonymousCodec(fieldOid);
            values.add(asText != null ? codec.decodeText(buf, p, fieldLength, Format.BINARY, asText)
                    : decodeAttribute(codec, buf, p, fieldLength, Format.BINARY, i, asRecord));
            p += fieldLength;
        }
        if (p != end) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
    }

    private Codec<?> anonymousCodec(int fieldOid) {
        IntFunction<Codec<?>> l = lookup;
        Codec<?> codec = l != null ? l.apply(fieldOid) : BuiltinCodecs.forOid(fieldOid);
        return codec != null && codec.supportsFormat(Format.BINARY) ? codec : BuiltinCodecs.fallback(fieldOid);
    }

    private @Nullable Object decodeAttribute(Codec<?> codec, ByteBuf buf, int offset, int length, Format format,
            int index, boolean asRecord) {
        RecordComponent[] rc = components;
        Class<?> target = asRecord && rc != null ? rc[index].getType() : Object.class;
        try {
            return codec.decode(buf, offset, length, format, target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Attribute " + (index + 1) + " of " + typeName + ": " + e.getMessage(), e);
        }
    }

    private Object construct(List<@Nullable Object> values) {
        RecordComponent[] rc = components;
        Constructor<? extends Record> c = constructor;
        if (rc == null || c == null || values.size() != rc.length) {
            throw new IllegalArgumentException("Cannot decode " + typeName + " with " + values.size()
                    + " attributes as " + recordClass);
        }
        for (int i = 0; i < rc.length; i++) {
            if (values.get(i) == null && rc[i].getType().isPrimitive()) {
                throw new IllegalArgumentException("Attribute " + (i + 1) + " of " + typeName + " is NULL, which "
                        + recordClass.getName() + "." + rc[i].getName() + " (" + rc[i].getType() + ") cannot hold");
            }
        }
        try {
            return c.newInstance(values.toArray());
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("Constructor of " + recordClass.getName() + " rejected a "
                    + typeName + " value: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot construct " + recordClass.getName() + ": " + e, e);
        }
    }

    /** Splits the text form into attribute texts; null for NULL (an empty unquoted position). */
    static List<@Nullable String> parseText(ByteBuf buf, int offset, int length) {
        String text = buf.toString(offset, length, StandardCharsets.UTF_8);
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '(') {
            throw CodecSupport.malformed("record", Format.TEXT, buf, offset, length);
        }
        i++;
        List<@Nullable String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quotedOrSome = false;
        boolean inQuotes = false;
        while (true) {
            if (i >= text.length()) {
                throw CodecSupport.malformed("record", Format.TEXT, buf, offset, length);
            }
            char c = text.charAt(i++);
            if (inQuotes) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else if (c == '\\' && i < text.length()) {
                    field.append(text.charAt(i++));
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                inQuotes = true;
                quotedOrSome = true;
            } else if (c == ',' || c == ')') {
                fields.add(quotedOrSome ? field.toString() : null);
                field.setLength(0);
                quotedOrSome = false;
                if (c == ')') {
                    break;
                }
            } else if (c == '\\' && i < text.length()) {
                field.append(text.charAt(i++));
                quotedOrSome = true;
            } else {
                field.append(c);
                quotedOrSome = true;
            }
        }
        return fields;
    }

    @Override
    public boolean canEncode(Object value) {
        if (attributes == null) {
            return false;
        }
        if (value instanceof Composite c) {
            return c.typeName().equals(typeName);
        }
        return recordClass != null && recordClass.isInstance(value);
    }

    @Override
    public boolean canEncodeType(Class<?> type) {
        return attributes != null && ((recordClass != null && recordClass == type) || type == Composite.class);
    }

    @Override
    public int paramOid(Object value) {
        return oid;
    }

    /** A typed null of class {@code Composite} says nothing of the composite type: the server infers it. */
    @Override
    public int paramOidForNull(Class<?> type) {
        return type == Composite.class ? 0 : oid;
    }

    @Override
    public Format encodeFormat(Object value) {
        return Format.BINARY;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        List<Attribute> attrs = attributes;
        if (attrs == null) {
            throw new IllegalArgumentException("Cannot encode " + value.getClass().getName() + " as " + typeName);
        }
        Composite composite = value instanceof Composite c ? checkFits(c, attrs) : null;
        RecordComponent[] rc = components;
        if (composite == null && rc == null) {
            throw new IllegalArgumentException("Cannot encode " + value.getClass().getName() + " as " + typeName);
        }
        out.writeInt(attrs.size());
        for (int i = 0; i < attrs.size(); i++) {
            Attribute a = attrs.get(i);
            Object v = composite != null ? composite.get(i) : component(rc[i], value);
            out.writeInt(a.oid());
            if (v == null) {
                out.writeInt(-1);
                continue;
            }
            int lengthAt = out.writerIndex();
            out.writeInt(0);
            encodeAttribute(a, v, out);
            out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
        }
    }

    private Composite checkFits(Composite value, List<Attribute> attrs) {
        List<String> names = attrs.stream().map(Attribute::name).toList();
        if (value.size() != attrs.size() || !value.names().equals(names)) {
            throw new IllegalArgumentException("Composite " + value.typeName() + value.names() + " does not fit"
                    + " PostgreSQL composite type " + typeName + names + ": the attribute names must be the type's,"
                    + " in order");
        }
        return value;
    }

    private static @Nullable Object component(RecordComponent component, Object value) {
        try {
            return component.getAccessor().invoke(value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot read " + component.getName() + " of " + value.getClass().getName(), e);
        }
    }

    private void encodeAttribute(Attribute a, Object v, ByteBuf out) {
        Codec<?> codec = a.codec();
        if ((v instanceof String || v instanceof Character) && textIsBinary(codec)) {
            ByteBufUtil.writeUtf8(out, v.toString());
        } else if (codec.canEncode(v) && codec.encodeFormat(v) == Format.BINARY) {
            codec.encode(v, out);
        } else {
            throw new IllegalArgumentException("Attribute " + a.name() + " of " + typeName + " (type " + codec.typeName()
                    + ") cannot be encoded in binary from " + v.getClass().getName());
        }
    }

    /** Whether a type's binary form is its UTF-8 text, so that a string can be written as is. */
    static boolean textIsBinary(Codec<?> codec) {
        if (codec instanceof RetypedCodec<?> r) {
            return textIsBinary(r.base());
        }
        return codec instanceof TextCodecs.TextCodec || codec instanceof EnumCodec;
    }

    @Override
    public String toString() {
        return "CompositeCodec[" + typeName + ", oid " + Integer.toUnsignedString(oid) + "]";
    }
}
