package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The text format of arrays ({@code array_out}/{@code array_in}): {@code {1,2,NULL}}, nested
 * braces per dimension {@code {{1,2},{3,4}}}, an optional lower-bound prefix
 * {@code [0:1]={1,2}} (parsed, kept for {@code PgArray}), {@code {}} for the empty array. Elements are
 * double-quoted when they are empty, equal {@code NULL} or contain quotes, backslashes, braces,
 * commas or whitespace; inside an element a backslash escapes the next byte. The delimiter is
 * the comma of every built-in type except {@code box}, which is not supported here.
 */
final class ArrayText {

    private ArrayText() {
    }

    static ArrayCodec.Decoded parse(ArrayCodec codec, ByteBuf buf, int offset, int length, Class<?> leaf) {
        return new Parser(codec, buf, offset, length, leaf).parse();
    }

    /**
     * Writes the array literal of a value whose dimensions are {@code dims} (from
     * {@link ArrayCodec#dimensions}), with the bounds prefix when {@code lowerBounds} has a bound
     * other than 1.
     */
    static void write(ArrayCodec codec, Object value, int[] dims, int @Nullable [] lowerBounds, ByteBuf out) {
        if (dims.length == 0 || Arrays.stream(dims).anyMatch(d -> d == 0)) {
            out.writeByte('{').writeByte('}');
            return;
        }
        if (lowerBounds != null && Arrays.stream(lowerBounds).anyMatch(b -> b != 1)) {
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < dims.length; i++) {
                prefix.append('[').append(lowerBounds[i]).append(':').append(lowerBounds[i] + dims[i] - 1).append(']');
            }
            out.writeCharSequence(prefix.append('='), java.nio.charset.StandardCharsets.US_ASCII);
        }
        writeLevel(codec, value, dims, 0, out);
    }

    private static void writeLevel(ArrayCodec codec, Object node, int[] dims, int depth, ByteBuf out) {
        out.writeByte('{');
        for (int i = 0; i < dims[depth]; i++) {
            if (i > 0) {
                out.writeByte(',');
            }
            Object child = ArrayCodec.get(node, i);
            if (depth < dims.length - 1) {
                writeLevel(codec, codec.checkNode(child, dims, depth + 1), dims, depth + 1, out);
            } else if (child == null) {
                out.writeCharSequence("NULL", java.nio.charset.StandardCharsets.US_ASCII);
            } else {
                int start = out.writerIndex();
                codec.element().encode(codec.checkLeaf(child), out);
                quoteIfNeeded(out, start);
            }
        }
        out.writeByte('}');
    }

    /** Rewrites the element text written from {@code start} as a quoted element when array_in needs it. */
    private static void quoteIfNeeded(ByteBuf out, int start) {
        int end = out.writerIndex();
        boolean quote = end == start || isNullWord(out, start, end - start);
        for (int i = start; i < end && !quote; i++) {
            byte b = out.getByte(i);
            quote = b == '"' || b == '\\' || b == '{' || b == '}' || b == ',' || isSpace(b);
        }
        if (!quote) {
            return;
        }
        byte[] raw = new byte[end - start];
        out.getBytes(start, raw);
        out.writerIndex(start).writeByte('"');
        for (byte b : raw) {
            if (b == '"' || b == '\\') {
                out.writeByte('\\');
            }
            out.writeByte(b);
        }
        out.writeByte('"');
    }

    private static boolean isNullWord(ByteBuf buf, int offset, int length) {
        return length == 4 && (buf.getByte(offset) | 0x20) == 'n' && (buf.getByte(offset + 1) | 0x20) == 'u'
                && (buf.getByte(offset + 2) | 0x20) == 'l' && (buf.getByte(offset + 3) | 0x20) == 'l';
    }

    static boolean isSpace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b;
    }

    /** A recursive-descent parser over one array literal; decodes elements as it meets them. */
    private static final class Parser {

        private final ArrayCodec codec;
        private final Codec<?> element;
        private final ByteBuf buf;
        private final int offset;
        private final int length;
        private final int end;
        private final Class<?> leaf;
        private final int[] dims = new int[ArrayCodec.MAX_DIMENSIONS];
        private int @Nullable [] bounds;
        private int[] upperBounds = new int[0];
        private final List<@Nullable Object> elements = new ArrayList<>();
        private int ndim = -1;
        private int pos;

        Parser(ArrayCodec codec, ByteBuf buf, int offset, int length, Class<?> leaf) {
            this.codec = codec;
            this.element = codec.element();
            this.buf = buf;
            this.offset = offset;
            this.length = length;
            this.end = offset + length;
            this.leaf = leaf;
            this.pos = offset;
            Arrays.fill(dims, -1);
        }

        ArrayCodec.Decoded parse() {
            skipSpace();
            if (pos < end && buf.getByte(pos) == '[') {
                // explicit bounds, e.g. [0:1][1:2]=, each lower:upper
                List<int[]> given = new ArrayList<>();
                while (pos < end && buf.getByte(pos) == '[') {
                    int close = buf.indexOf(pos, end, (byte) ']');
                    int colon = close < 0 ? -1 : buf.indexOf(pos, close, (byte) ':');
                    if (colon < 0 || given.size() == ArrayCodec.MAX_DIMENSIONS) {
                        throw malformed();
                    }
                    given.add(new int[] {bound(pos + 1, colon), bound(colon + 1, close)});
                    pos = close + 1;
                }
                bounds = given.stream().mapToInt(b -> b[0]).toArray();
                upperBounds = given.stream().mapToInt(b -> b[1]).toArray();
                skipSpace();
                expect('=');
                skipSpace();
            }
            expect('{');
            level(0);
            skipSpace();
            if (pos != end) {
                throw malformed();
            }
            if (elements.isEmpty()) {
                return ArrayCodec.Decoded.EMPTY;
            }
            int[] lower = bounds;
            if (lower == null) {
                lower = new int[ndim];
                Arrays.fill(lower, 1);
            } else if (lower.length != ndim) {
                throw malformed();
            } else {
                for (int i = 0; i < ndim; i++) {
                    if ((long) upperBounds[i] - lower[i] + 1 != dims[i]) {
                        throw malformed();
                    }
                }
            }
            return new ArrayCodec.Decoded(Arrays.copyOf(dims, ndim), lower, elements.toArray());
        }

        /** An integer of the bounds prefix in [start, stop). */
        private int bound(int start, int stop) {
            try {
                return Integer.parseInt(buf.toString(start, stop - start, java.nio.charset.StandardCharsets.US_ASCII).trim());
            } catch (NumberFormatException e) {
                throw malformed();
            }
        }

        /** Parses the elements of one brace level, the opening brace already consumed. */
        private void level(int depth) {
            if (depth >= ArrayCodec.MAX_DIMENSIONS) {
                throw malformed();
            }
            int count = 0;
            skipSpace();
            if (pos < end && buf.getByte(pos) == '}') {
                pos++;
                record(depth, 0);
                return;
            }
            while (true) {
                skipSpace();
                if (pos < end && buf.getByte(pos) == '{') {
                    if (ndim != -1 && depth + 1 >= ndim) {
                        throw malformed();
                    }
                    pos++;
                    level(depth + 1);
                } else {
                    if (ndim == -1) {
                        ndim = depth + 1;
                    } else if (ndim != depth + 1) {
                        throw malformed();
                    }
                    elements.add(element());
                }
                count++;
                skipSpace();
                byte c = pos < end ? buf.getByte(pos++) : 0;
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw malformed();
                }
            }
            record(depth, count);
        }

        private void record(int depth, int count) {
            if (dims[depth] == -1) {
                dims[depth] = count;
            } else if (dims[depth] != count) {
                throw new IllegalArgumentException("Malformed PostgreSQL " + codec.typeName()
                        + " value in text format: multidimensional arrays must have matching dimensions");
            }
        }

        private @Nullable Object element() {
            boolean quoted = pos < end && buf.getByte(pos) == '"';
            boolean escaped = false;
            int start;
            int stop;
            if (quoted) {
                start = ++pos;
                while (true) {
                    if (pos >= end) {
                        throw malformed();
                    }
                    byte b = buf.getByte(pos);
                    if (b == '"') {
                        break;
                    }
                    if (b == '\\') {
                        escaped = true;
                        pos++;
                    }
                    pos++;
                }
                stop = pos++;
            } else {
                start = pos;
                int lastKept = pos;
                while (pos < end) {
                    byte b = buf.getByte(pos);
                    if (b == ',' || b == '}') {
                        break;
                    }
                    if (b == '"' || b == '{') {
                        throw malformed();
                    }
                    if (b == '\\') {
                        escaped = true;
                        pos++;
                        lastKept = pos + 1;
                    } else if (!isSpace(b)) {
                        lastKept = pos + 1;
                    }
                    pos++;
                }
                if (pos > end) {
                    throw malformed();
                }
                stop = lastKept;
                if (stop == start) {
                    throw malformed();
                }
                if (!escaped && isNullWord(buf, start, stop - start)) {
                    return null;
                }
            }
            if (!escaped) {
                return element.decode(buf, start, stop - start, Format.TEXT, leaf);
            }
            ByteBuf unescaped = Unpooled.wrappedBuffer(unescape(start, stop));
            try {
                return element.decode(unescaped, 0, unescaped.readableBytes(), Format.TEXT, leaf);
            } finally {
                unescaped.release();
            }
        }

        private byte[] unescape(int start, int stop) {
            byte[] out = new byte[stop - start];
            int n = 0;
            for (int i = start; i < stop; i++) {
                byte b = buf.getByte(i);
                if (b == '\\' && i + 1 < stop) {
                    b = buf.getByte(++i);
                }
                out[n++] = b;
            }
            return Arrays.copyOf(out, n);
        }

        private void skipSpace() {
            while (pos < end && isSpace(buf.getByte(pos))) {
                pos++;
            }
        }

        private void expect(char c) {
            if (pos >= end || buf.getByte(pos) != c) {
                throw malformed();
            }
            pos++;
        }

        private IllegalArgumentException malformed() {
            return CodecSupport.malformed(codec.typeName(), Format.TEXT, buf, offset, length);
        }
    }
}
