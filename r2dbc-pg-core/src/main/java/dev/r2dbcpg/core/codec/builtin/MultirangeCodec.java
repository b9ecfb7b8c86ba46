package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.types.Multirange;
import dev.r2dbcpg.core.types.Range;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * A multirange type over the codec of its range type, as {@link Multirange}.
 *
 * <p>Binary format ({@code multirange_send}): Int32 count, then each range as Int32 length and
 * its {@code range_send} bytes. Text format: {@code {}} or {@code {[1,3),[5,7)}}.
 */
final class MultirangeCodec implements Codec<Multirange<?>> {

    private final RangeCodec range;
    private final int oid;
    private final String typeName;
    private final boolean untyped;

    MultirangeCodec(RangeCodec range, int oid, String typeName, boolean untyped) {
        this.range = range;
        this.oid = oid;
        this.typeName = typeName;
        this.untyped = untyped;
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
    public Class<Multirange<?>> javaType() {
        return (Class) Multirange.class;
    }

    @Override
    public boolean canDecode(Class<?> target) {
        return target == Object.class || target == Multirange.class || target == String.class;
    }

    @Override
    public boolean supportsFormat(Format format) {
        return range.supportsFormat(format);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
        if (!canDecode(target)) {
            throw CodecSupport.cannotDecode(typeName, target);
        }
        if (target == String.class) {
            return (U) decodeText(buf, offset, length, format, java.time.ZoneOffset.UTC);
        }
        List<Range<Object>> ranges = format == Format.BINARY
                ? decodeBinary(buf, offset, length)
                : decodeText(buf, offset, length);
        return (U) Multirange.of((List) ranges);
    }

    /** {@code multirange_out}: the ranges' text output in braces, comma-separated. */
    @Override
    public String decodeText(ByteBuf buf, int offset, int length, Format format, java.time.ZoneId timeZone) {
        if (format == Format.TEXT) {
            return buf.toString(offset, length, java.nio.charset.StandardCharsets.UTF_8);
        }
        int end = offset + length;
        int count = length >= 4 ? buf.getInt(offset) : -1;
        if (count < 0 || count > (length - 4) / 5) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        StringBuilder sb = new StringBuilder().append('{');
        int p = offset + 4;
        for (int i = 0; i < count; i++) {
            int len = p + 4 <= end ? buf.getInt(p) : -1;
            if (len < 0 || len > end - p - 4) {
                throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
            }
            sb.append(i == 0 ? "" : ",").append(range.decodeText(buf, p + 4, len, Format.BINARY, timeZone));
            p += 4 + len;
        }
        if (p != end) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        return sb.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private List<Range<Object>> decodeBinary(ByteBuf buf, int offset, int length) {
        int end = offset + length;
        int count = length >= 4 ? buf.getInt(offset) : -1;
        if (count < 0 || count > (length - 4) / 5) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        List<Range<Object>> ranges = new ArrayList<>(count);
        int p = offset + 4;
        for (int i = 0; i < count; i++) {
            int len = p + 4 <= end ? buf.getInt(p) : -1;
            if (len < 0 || len > end - p - 4) {
                throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
            }
            ranges.add(range.decode(buf, p + 4, len, Format.BINARY, Range.class));
            p += 4 + len;
        }
        if (p != end) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        return ranges;
    }

    @SuppressWarnings("unchecked")
    private List<Range<Object>> decodeText(ByteBuf buf, int offset, int length) {
        int end = offset + length;
        int p = skipSpace(buf, offset, end);
        if (p >= end || buf.getByte(p) != '{') {
            throw CodecSupport.malformed(typeName, Format.TEXT, buf, offset, length);
        }
        List<Range<Object>> ranges = new ArrayList<>();
        p = skipSpace(buf, p + 1, end);
        if (p < end && buf.getByte(p) == '}') {
            p++;
        } else {
            while (true) {
                int stop = rangeEnd(buf, p, end);
                if (stop < 0) {
                    throw CodecSupport.malformed(typeName, Format.TEXT, buf, offset, length);
                }
                ranges.add(range.decode(buf, p, stop - p, Format.TEXT, Range.class));
                p = skipSpace(buf, stop, end);
                byte b = p < end ? buf.getByte(p++) : 0;
                if (b == '}') {
                    break;
                }
                if (b != ',') {
                    throw CodecSupport.malformed(typeName, Format.TEXT, buf, offset, length);
                }
                p = skipSpace(buf, p, end);
            }
        }
        if (skipSpace(buf, p, end) != end) {
            throw CodecSupport.malformed(typeName, Format.TEXT, buf, offset, length);
        }
        return ranges;
    }

    /** The index after the range literal starting at {@code p} ({@code empty} or bracketed), or -1. */
    private static int rangeEnd(ByteBuf buf, int p, int end) {
        if (end - p >= 5 && (buf.getByte(p) | 0x20) == 'e') {
            return p + 5;
        }
        if (p >= end || (buf.getByte(p) != '[' && buf.getByte(p) != '(')) {
            return -1;
        }
        boolean inQuotes = false;
        for (int i = p + 1; i < end; i++) {
            byte b = buf.getByte(i);
            if (b == '\\') {
                i++;
            } else if (b == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes && (b == ']' || b == ')')) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int skipSpace(ByteBuf buf, int p, int end) {
        while (p < end && ArrayText.isSpace(buf.getByte(p))) {
            p++;
        }
        return p;
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Chosen by class only when the range codec is (made with a bound class); otherwise a
     * {@code Multirange}'s class does not tell its type (see {@link DispatchCodec}).
     */
    @Override
    public boolean canEncodeType(Class<?> type) {
        return range.bindsByClass() && type == Multirange.class;
    }

    @Override
    public boolean canEncode(Object value) {
        if (!(value instanceof Multirange)) {
            return false;
        }
        if (range.bindsByClass() && ((Multirange<?>) value).ranges().isEmpty()) {
            // the empty multirange says nothing of this type
            return false;
        }
        for (Range<?> r : ((Multirange<?>) value).ranges()) {
            if (!range.canEncode(r)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int paramOid(Object value) {
        return untyped ? Oids.UNSPECIFIED : oid;
    }

    @Override
    public int paramOidForNull(Class<?> type) {
        return untyped || type == Multirange.class ? Oids.UNSPECIFIED : oid;
    }

    @Override
    public Format encodeFormat(Object value) {
        List<? extends Range<?>> ranges = ((Multirange<?>) value).ranges();
        return untyped ? Format.TEXT : ranges.isEmpty() ? Format.BINARY : range.encodeFormat(ranges.get(0));
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        List<? extends Range<?>> ranges = ((Multirange<?>) value).ranges();
        if (encodeFormat(value) == Format.TEXT) {
            out.writeByte('{');
            for (int i = 0; i < ranges.size(); i++) {
                if (i > 0) {
                    out.writeByte(',');
                }
                range.writeText(ranges.get(i), out);
            }
            out.writeByte('}');
            return;
        }
        out.writeInt(ranges.size());
        for (Range<?> r : ranges) {
            int lengthIndex = out.writerIndex();
            out.writeInt(0);
            range.encode(r, out);
            out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
        }
    }

    @Override
    public String toString() {
        return "MultirangeCodec[" + typeName + ", oid " + Integer.toUnsignedString(oid) + (untyped ? ", untyped" : "") + "]";
    }
}
