package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.types.Range;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * A range type over the codec of its element (subtype), as {@link Range}.
 *
 * <p>Binary format ({@code range_send}): one flags byte (0x01 empty, 0x02 lower inclusive, 0x04
 * upper inclusive, 0x08 lower infinite, 0x10 upper infinite), then each finite bound as Int32
 * length and the element's binary bytes. Text format ({@code range_out}): {@code empty} or
 * {@code [lower,upper)}, an infinite bound left out; a bound is double-quoted when it contains
 * special characters, and inside quotes {@code ""} and a backslash escape stand for the next
 * character.
 *
 * <p>Values read are taken as the server sends them, without checking the order of the bounds
 * ({@link Range#ofValid}): they carry the subtype's order for {@link Range#contains} and the
 * like, which is the natural order of the bound values except for an enum subtype without a
 * registered Java enum, whose label order is not known (those comparisons then fail).
 *
 * <p>A range codec made with a bound class ({@link RangeCodecs#rangeOf(Codec, int, String, Class)})
 * is chosen by the class {@code Range} for ranges with a bound of that class.
 */
final class RangeCodec implements Codec<Range<?>> {

    private static final int EMPTY = 0x01;
    private static final int LB_INC = 0x02;
    private static final int UB_INC = 0x04;
    private static final int LB_INF = 0x08;
    private static final int UB_INF = 0x10;
    /** Bits that range_recv rejects for a value from a client; never sent by the server. */
    private static final int LB_NULL = 0x20;
    private static final int UB_NULL = 0x40;

    private final Codec<?> element;
    private final int oid;
    private final String typeName;
    private final boolean untyped;
    /** Ranges with a bound of this class bind as this type, chosen by class; null for none. */
    private final @Nullable Class<?> boundClass;
    /** The subtype's order given to decoded ranges; null when unknown. */
    private final @Nullable Comparator<Object> order;

    RangeCodec(Codec<?> element, int oid, String typeName, boolean untyped) {
        this(element, oid, typeName, untyped, null);
    }

    RangeCodec(Codec<?> element, int oid, String typeName, boolean untyped, @Nullable Class<?> boundClass) {
        this.element = element;
        this.oid = oid;
        this.typeName = typeName;
        this.untyped = untyped;
        this.boundClass = boundClass;
        this.order = orderOf(element);
    }

    /**
     * The order of a subtype's decoded values: the natural one, except for the labels (strings) of
     * an enum type, whose order is the type's and not known here.
     */
    private static @Nullable Comparator<Object> orderOf(Codec<?> element) {
        Codec<?> c = element instanceof RetypedCodec<?> r ? r.base() : element;
        if (c instanceof EnumCodec && c.javaType() == String.class) {
            return null;
        }
        return RangeCodec::compareNaturally;
    }

    @SuppressWarnings("unchecked")
    private static int compareNaturally(Object a, Object b) {
        if (!(a instanceof Comparable)) {
            throw new IllegalStateException("Range bounds of type " + a.getClass().getName() + " are not Comparable");
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    boolean bindsByClass() {
        return boundClass != null;
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
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Range<?>> javaType() {
        return (Class) Range.class;
    }

    @Override
    public boolean canDecode(Class<?> target) {
        return target == Object.class || target == Range.class || target == String.class;
    }

    @Override
    public boolean supportsFormat(Format format) {
        return element.supportsFormat(format);
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
        return (U) (format == Format.BINARY ? decodeBinary(buf, offset, length) : decodeText(buf, offset, length));
    }

    /** {@code range_out}: {@code empty}, or brackets around the bounds' text output (quoted as needed). */
    @Override
    public String decodeText(ByteBuf buf, int offset, int length, Format format, java.time.ZoneId timeZone) {
        if (format == Format.TEXT) {
            return buf.toString(offset, length, StandardCharsets.UTF_8);
        }
        if (length < 1) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        int flags = buf.getByte(offset);
        if ((flags & EMPTY) != 0) {
            return "empty";
        }
        int end = offset + length;
        int p = offset + 1;
        StringBuilder sb = new StringBuilder().append((flags & LB_INC) != 0 ? '[' : '(');
        if ((flags & (LB_INF | LB_NULL)) == 0) {
            int len = boundLength(buf, p, end, offset, length);
            TextOutput.rangeBound(sb, element.decodeText(buf, p + 4, len, Format.BINARY, timeZone));
            p += 4 + len;
        }
        sb.append(',');
        if ((flags & (UB_INF | UB_NULL)) == 0) {
            int len = boundLength(buf, p, end, offset, length);
            TextOutput.rangeBound(sb, element.decodeText(buf, p + 4, len, Format.BINARY, timeZone));
            p += 4 + len;
        }
        if (p != end) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        return sb.append((flags & UB_INC) != 0 ? ']' : ')').toString();
    }

    private Range<?> decodeBinary(ByteBuf buf, int offset, int length) {
        if (length < 1) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        int flags = buf.getByte(offset);
        if ((flags & EMPTY) != 0) {
            return Range.empty();
        }
        int end = offset + length;
        int p = offset + 1;
        Object lower = null;
        Object upper = null;
        if ((flags & (LB_INF | LB_NULL)) == 0) {
            int len = boundLength(buf, p, end, offset, length);
            lower = element.decode(buf, p + 4, len, Format.BINARY, Object.class);
            p += 4 + len;
        }
        if ((flags & (UB_INF | UB_NULL)) == 0) {
            int len = boundLength(buf, p, end, offset, length);
            upper = element.decode(buf, p + 4, len, Format.BINARY, Object.class);
            p += 4 + len;
        }
        if (p != end) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        return Range.ofValid(lower, upper, (flags & LB_INC) != 0, (flags & UB_INC) != 0, order);
    }

    private int boundLength(ByteBuf buf, int p, int end, int offset, int length) {
        int len = p + 4 <= end ? buf.getInt(p) : -1;
        if (len < 0 || len > end - p - 4) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        return len;
    }

    private Range<?> decodeText(ByteBuf buf, int offset, int length) {
        int p = offset;
        int end = offset + length;
        while (p < end && ArrayText.isSpace(buf.getByte(p))) {
            p++;
        }
        while (end > p && ArrayText.isSpace(buf.getByte(end - 1))) {
            end--;
        }
        if (end - p == 5 && buf.toString(p, 5, StandardCharsets.US_ASCII).equalsIgnoreCase("empty")) {
            return Range.empty();
        }
        if (end - p < 3) {
            throw CodecSupport.malformed(typeName, Format.TEXT, buf, offset, length);
        }
        byte open = buf.getByte(p);
        byte close = buf.getByte(end - 1);
        if ((open != '[' && open != '(') || (close != ']' && close != ')')) {
            throw CodecSupport.malformed(typeName, Format.TEXT, buf, offset, length);
        }
        int comma = boundEnd(buf, p + 1, end - 1, true);
        if (comma < 0 || comma == end - 1 || boundEnd(buf, comma + 1, end - 1, false) != end - 1) {
            throw CodecSupport.malformed(typeName, Format.TEXT, buf, offset, length);
        }
        Object lower = bound(buf, p + 1, comma);
        Object upper = bound(buf, comma + 1, end - 1);
        return Range.ofValid(lower, upper, open == '[', close == ']', order);
    }

    /**
     * Finds where a bound starting at {@code p} ends: at the first comma outside quotes for a lower
     * bound, at {@code limit} for an upper bound (which must then contain no bare comma).
     */
    private static int boundEnd(ByteBuf buf, int p, int limit, boolean lower) {
        boolean inQuotes = false;
        for (; p < limit; p++) {
            byte b = buf.getByte(p);
            if (b == '\\') {
                p++;
            } else if (b == '"') {
                inQuotes = !inQuotes;
            } else if (b == ',' && !inQuotes) {
                return lower ? p : -1;
            }
        }
        return inQuotes ? -1 : limit;
    }

    /** Decodes the bound text in [start, stop): nothing is an infinite bound. */
    private @Nullable Object bound(ByteBuf buf, int start, int stop) {
        if (start == stop) {
            return null;
        }
        boolean plain = true;
        for (int i = start; i < stop && plain; i++) {
            byte b = buf.getByte(i);
            plain = b != '"' && b != '\\';
        }
        if (plain) {
            return element.decode(buf, start, stop - start, Format.TEXT, Object.class);
        }
        byte[] out = new byte[stop - start];
        int n = 0;
        boolean inQuotes = false;
        for (int i = start; i < stop; i++) {
            byte b = buf.getByte(i);
            if (b == '\\' && i + 1 < stop) {
                out[n++] = buf.getByte(++i);
            } else if (b == '"') {
                if (inQuotes && i + 1 < stop && buf.getByte(i + 1) == '"') {
                    out[n++] = '"';
                    i++;
                } else {
                    inQuotes = !inQuotes;
                }
            } else {
                out[n++] = b;
            }
        }
        ByteBuf unescaped = Unpooled.wrappedBuffer(Arrays.copyOf(out, n));
        try {
            return element.decode(unescaped, 0, n, Format.TEXT, Object.class);
        } finally {
            unescaped.release();
        }
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Chosen by class only when made with a bound class; otherwise a {@code Range}'s class does
     * not tell its type (see {@link DispatchCodec}).
     */
    @Override
    public boolean canEncodeType(Class<?> type) {
        return boundClass != null && type == Range.class;
    }

    @Override
    public boolean canEncode(Object value) {
        if (!(value instanceof Range)) {
            return false;
        }
        Range<?> range = (Range<?>) value;
        if (untyped) {
            return range.lower() == null && range.upper() == null;
        }
        Class<?> c = boundClass;
        if (c != null && !c.isInstance(range.lower()) && !c.isInstance(range.upper())) {
            // a range without a bound of the class (the empty range too) says nothing of this type
            return false;
        }
        return (range.lower() == null || element.canEncode(range.lower()))
                && (range.upper() == null || element.canEncode(range.upper()));
    }

    @Override
    public int paramOid(Object value) {
        return untyped ? Oids.UNSPECIFIED : oid;
    }

    /** A typed null of class {@code Range} says nothing of the range type: the server infers it. */
    @Override
    public int paramOidForNull(Class<?> type) {
        return untyped || type == Range.class ? Oids.UNSPECIFIED : oid;
    }

    @Override
    public Format encodeFormat(Object value) {
        if (untyped) {
            return Format.TEXT;
        }
        if (element instanceof TextCodecs.TextCodec) {
            return Format.BINARY;
        }
        Range<?> range = (Range<?>) value;
        Object bound = range.lower() != null ? range.lower() : range.upper();
        return bound == null ? Format.BINARY : element.encodeFormat(bound);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (encodeFormat(value) == Format.TEXT) {
            writeText((Range<?>) value, out);
            return;
        }
        Range<?> range = (Range<?>) value;
        if (range.isEmpty()) {
            out.writeByte(EMPTY);
            return;
        }
        Object lower = range.lower();
        Object upper = range.upper();
        out.writeByte((range.lowerInclusive() ? LB_INC : 0) | (range.upperInclusive() ? UB_INC : 0)
                | (lower == null ? LB_INF : 0) | (upper == null ? UB_INF : 0));
        if (lower != null) {
            writeBound(lower, out);
        }
        if (upper != null) {
            writeBound(upper, out);
        }
    }

    private void writeBound(Object bound, ByteBuf out) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        element.encode(bound, out);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    /** Writes the range literal, each bound in the element's text and quoted as range_out does. */
    void writeText(Range<?> range, ByteBuf out) {
        if (range.isEmpty()) {
            out.writeCharSequence("empty", StandardCharsets.US_ASCII);
            return;
        }
        out.writeByte(range.lowerInclusive() ? '[' : '(');
        if (range.lower() != null) {
            writeTextBound(range.lower(), out);
        }
        out.writeByte(',');
        if (range.upper() != null) {
            writeTextBound(range.upper(), out);
        }
        out.writeByte(range.upperInclusive() ? ']' : ')');
    }

    private void writeTextBound(Object bound, ByteBuf out) {
        int start = out.writerIndex();
        element.encode(bound, out);
        int end = out.writerIndex();
        boolean quote = end == start;
        for (int i = start; i < end && !quote; i++) {
            byte b = out.getByte(i);
            quote = b == '"' || b == '\\' || b == '(' || b == ')' || b == '[' || b == ']' || b == ','
                    || ArrayText.isSpace(b);
        }
        if (!quote) {
            return;
        }
        byte[] raw = new byte[end - start];
        out.getBytes(start, raw);
        out.writerIndex(start).writeByte('"');
        for (byte b : raw) {
            if (b == '"' || b == '\\') {
                out.writeByte(b);
            }
            out.writeByte(b);
        }
        out.writeByte('"');
    }

    @Override
    public String toString() {
        return "RangeCodec[" + typeName + ", oid " + Integer.toUnsignedString(oid) + (untyped ? ", untyped" : "") + "]";
    }
}
