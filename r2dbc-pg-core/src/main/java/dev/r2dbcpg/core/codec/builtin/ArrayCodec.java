package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.types.Composite;
import dev.r2dbcpg.core.types.PgArray;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An array type over the codec of its element type.
 *
 * <p>Binary format ({@code array_send}): Int32 ndim, Int32 has-null flag, Int32 element OID, per
 * dimension Int32 size and Int32 lower bound, then every element in row-major order as Int32
 * length (-1 for NULL) and the element's binary bytes. Text format: see {@link ArrayText}.
 *
 * <p>Decoding gives Java arrays with one dimension per PostgreSQL dimension ({@code Integer[][]}
 * for a 2-D {@code int4[]}), primitive arrays when asked ({@code int[]}; a NULL element is then
 * an error), or nested unmodifiable {@link List}s; lower bounds are dropped, index 0 is the first
 * element whatever the server's lower bound. {@link PgArray} keeps the dimensions and lower bounds.
 * An empty array decodes as an empty array of the requested type.
 *
 * <p>Encoding takes Java arrays (primitive or not) and {@code List}s, nested for more dimensions,
 * rectangular, of values the element codec encodes, and writes lower bounds 1; a {@link PgArray}
 * is written with its own dimensions and lower bounds. Binary format
 * unless the element codec encodes text (then the text format), except for the character types
 * whose binary form is their text.
 */
final class ArrayCodec implements Codec<Object[]> {

    /** PostgreSQL's MAXDIM. */
    static final int MAX_DIMENSIONS = 6;

    private final Codec<?> element;
    private final int oid;
    private final String typeName;
    private final Class<Object[]> javaType;
    private final boolean untyped;
    /** Whether lists and {@link PgArray}s find this codec by class (for a learned element type). */
    private final boolean listsByClass;

    ArrayCodec(Codec<?> element, int oid, boolean untyped) {
        this(element, oid, untyped, false);
    }

    @SuppressWarnings("unchecked")
    ArrayCodec(Codec<?> element, int oid, boolean untyped, boolean listsByClass) {
        this.element = element;
        this.oid = oid;
        this.typeName = element.typeName() + "[]";
        Class<?> componentType = element.javaType().isPrimitive() ? Object.class : element.javaType();
        this.javaType = (Class<Object[]>) Array.newInstance(componentType, 0).getClass();
        this.untyped = untyped;
        this.listsByClass = listsByClass;
    }

    Codec<?> element() {
        return element;
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
    public Class<Object[]> javaType() {
        return javaType;
    }

    @Override
    public boolean supportsFormat(Format format) {
        return element.supportsFormat(format);
    }

    // ---------------------------------------------------------------- decoding

    @Override
    public boolean canDecode(Class<?> target) {
        return target == Object.class || target == String.class || target == Object[].class || target == PgArray.class
                || isListTarget(target)
                || leafTarget(target) != null;
    }

    private static boolean isListTarget(Class<?> target) {
        return target == List.class || target == Collection.class || target == Iterable.class;
    }

    /**
     * The component class, after one or more array dimensions are stripped from {@code target},
     * that the element codec decodes ({@code Integer} for {@code Integer[][]}, {@code byte[]}
     * for a {@code bytea[]} target {@code byte[][]}), or null.
     */
    private @Nullable Class<?> leafTarget(Class<?> target) {
        Class<?> c = target.getComponentType();
        while (c != null) {
            if (element.canDecode(c)) {
                return c;
            }
            c = c.getComponentType();
        }
        return null;
    }

    private static int dimensionsOf(Class<?> type) {
        int n = 0;
        for (Class<?> c = type; c.isArray(); c = c.getComponentType()) {
            n++;
        }
        return n;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
        if (target == String.class) {
            return (U) decodeText(buf, offset, length, format, java.time.ZoneOffset.UTC);
        }
        boolean asList = isListTarget(target);
        boolean asDefault = target == Object.class || target == Object[].class;
        boolean asPgArray = target == PgArray.class;
        Class<?> leaf = asList || asDefault || asPgArray ? Object.class : leafTarget(target);
        if (leaf == null) {
            throw CodecSupport.cannotDecode(typeName, target);
        }
        Decoded decoded = format == Format.BINARY
                ? decodeBinary(buf, offset, length, elementDecoder(CodecSupport.wrap(leaf)))
                : ArrayText.parse(this, buf, offset, length, CodecSupport.wrap(leaf));
        int[] dims = decoded.dims;
        if (asPgArray) {
            return (U) PgArray.of(dims, decoded.lowerBounds, Arrays.asList(decoded.elements));
        }
        if (asList) {
            return (U) (dims.length == 0 ? List.of() : toList(decoded.elements, dims, 0, new int[] {0}));
        }
        Class<?> leafComponent = asDefault ? element.javaType() : leaf;
        int targetDims = asDefault ? Math.max(1, dims.length) : dimensionsOf(target) - dimensionsOf(leaf);
        if (dims.length == 0) {
            int[] zero = new int[targetDims];
            return (U) Array.newInstance(leafComponent, zero);
        }
        if (dims.length != targetDims) {
            throw new IllegalArgumentException("Cannot decode a " + dims.length + "-dimensional PostgreSQL " + typeName
                    + " value as " + target.getTypeName() + " (" + targetDims + " dimensions)");
        }
        return (U) toArray(decoded.elements, dims, leafComponent);
    }

    /** The dimensions (empty for an empty array), their lower bounds, and the elements in row-major order. */
    record Decoded(int[] dims, int[] lowerBounds, @Nullable Object[] elements) {

        static final Decoded EMPTY = new Decoded(new int[0], new int[0], new Object[0]);
    }

    /** Decodes one element's bytes (binary format). */
    @FunctionalInterface
    private interface ElementDecoder {
        Object decode(ByteBuf buf, int offset, int length);
    }

    private ElementDecoder elementDecoder(Class<?> leaf) {
        return (b, o, l) -> element.decode(b, o, l, Format.BINARY, leaf);
    }

    /**
     * {@code array_out}: the bounds prefix when a lower bound is not 1, nested braces, elements in their
     * text output and quoted as {@link TextOutput#arrayElement} says, {@code NULL}; {@code box} arrays
     * are delimited by semicolons.
     */
    @Override
    public String decodeText(ByteBuf buf, int offset, int length, Format format, java.time.ZoneId timeZone) {
        if (format == Format.TEXT) {
            return buf.toString(offset, length, java.nio.charset.StandardCharsets.UTF_8);
        }
        Decoded d = decodeBinary(buf, offset, length, (b, o, l) -> element.decodeText(b, o, l, Format.BINARY, timeZone));
        if (d.dims.length == 0) {
            return "{}";
        }
        StringBuilder sb = new StringBuilder();
        if (Arrays.stream(d.lowerBounds).anyMatch(lb -> lb != 1)) {
            for (int i = 0; i < d.dims.length; i++) {
                sb.append('[').append(d.lowerBounds[i]).append(':').append(d.lowerBounds[i] + d.dims[i] - 1).append(']');
            }
            sb.append('=');
        }
        char delimiter = element.oid() == Oids.BOX ? ';' : ',';
        appendText(sb, d.elements, d.dims, 0, new int[] {0}, delimiter);
        return sb.toString();
    }

    private static void appendText(StringBuilder sb, @Nullable Object[] elements, int[] dims, int depth, int[] next,
            char delimiter) {
        sb.append('{');
        for (int i = 0; i < dims[depth]; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            if (depth < dims.length - 1) {
                appendText(sb, elements, dims, depth + 1, next, delimiter);
            } else {
                Object e = elements[next[0]++];
                if (e == null) {
                    sb.append("NULL");
                } else {
                    TextOutput.arrayElement(sb, (String) e, delimiter);
                }
            }
        }
        sb.append('}');
    }

    private Decoded decodeBinary(ByteBuf buf, int offset, int length, ElementDecoder decoder) {
        int end = offset + length;
        if (length < 12) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        int ndim = buf.getInt(offset);
        if (ndim < 0 || ndim > MAX_DIMENSIONS || length < 12 + 8 * ndim) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        int p = offset + 12;
        int[] dims = new int[ndim];
        int[] lowerBounds = new int[ndim];
        long total = ndim == 0 ? 0 : 1;
        for (int i = 0; i < ndim; i++, p += 8) {
            dims[i] = buf.getInt(p);
            lowerBounds[i] = buf.getInt(p + 4);
            total *= Math.max(0, dims[i]);
            // every element takes at least its Int32 length
            if (dims[i] < 0 || total > (end - p) / 4) {
                throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
            }
        }
        if (total == 0) {
            return Decoded.EMPTY;
        }
        Object[] elements = new Object[(int) total];
        for (int i = 0; i < elements.length; i++) {
            if (p + 4 > end) {
                throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
            }
            int len = buf.getInt(p);
            p += 4;
            if (len == -1) {
                continue;
            }
            if (len < 0 || len > end - p) {
                throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
            }
            elements[i] = decoder.decode(buf, p, len);
            p += len;
        }
        if (p != end) {
            throw CodecSupport.malformed(typeName, Format.BINARY, buf, offset, length);
        }
        return new Decoded(dims, lowerBounds, elements);
    }

    private Object toArray(@Nullable Object[] elements, int[] dims, Class<?> leafComponent) {
        Object array = Array.newInstance(leafComponent, dims);
        fill(array, elements, dims, 0, new int[] {0}, leafComponent.isPrimitive());
        return array;
    }

    private void fill(Object array, @Nullable Object[] elements, int[] dims, int depth, int[] next, boolean primitive) {
        int n = dims[depth];
        if (depth == dims.length - 1) {
            for (int i = 0; i < n; i++) {
                Object value = elements[next[0]++];
                if (value == null) {
                    if (primitive) {
                        throw new IllegalArgumentException("Cannot decode PostgreSQL " + typeName
                                + " with NULL elements as " + array.getClass().getTypeName()
                                + ": use an array of the wrapper class or a List");
                    }
                    continue;
                }
                Array.set(array, i, value);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            fill(Array.get(array, i), elements, dims, depth + 1, next, primitive);
        }
    }

    private static List<@Nullable Object> toList(@Nullable Object[] elements, int[] dims, int depth, int[] next) {
        Object[] level = new Object[dims[depth]];
        for (int i = 0; i < level.length; i++) {
            level[i] = depth == dims.length - 1 ? elements[next[0]++] : toList(elements, dims, depth + 1, next);
        }
        return Collections.unmodifiableList(Arrays.asList(level));
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Java array classes whose innermost component the element codec encodes; never primitive
     * {@code byte} or {@code char} arrays, which stand for bytea and strings. Also {@code List}s
     * and {@link PgArray}, for a codec made by {@link ArrayCodecs#arrayOf} whose element codec binds
     * its own default Java class.
     */
    @Override
    public boolean canEncodeType(Class<?> type) {
        if (untyped) {
            return false;
        }
        if (type == PgArray.class || List.class.isAssignableFrom(type)) {
            // only for learned element types whose default Java class binds as them (a registered
            // enum, a composite); the built-in array codecs are chosen per value (DispatchCodec)
            return listsByClass && element.canEncodeType(element.javaType());
        }
        for (Class<?> c = type.getComponentType(); c != null; c = c.getComponentType()) {
            if (c == byte.class || c == char.class) {
                return false;
            }
            if (element.canEncodeType(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean canEncode(Object value) {
        if (value instanceof PgArray array) {
            value = array.elements();
        } else if (!isNode(value)) {
            return false;
        }
        int leaves = encodableLeaves(value, 0);
        // the untyped codec takes only arrays of NULLs, whose element type nothing tells
        return untyped ? leaves == 0 : leaves >= 0;
    }

    /** Lists and Java arrays are sub-arrays, except primitive byte and char arrays and what the element codec takes. */
    private boolean isNode(@Nullable Object value) {
        if (value instanceof List) {
            return true;
        }
        if (value == null || !value.getClass().isArray()) {
            return false;
        }
        Class<?> component = value.getClass().getComponentType();
        return component != byte.class && component != char.class && !accepts(value);
    }

    @Override
    public int paramOid(Object value) {
        return untyped ? Oids.UNSPECIFIED : oid;
    }

    @Override
    public int paramOidForNull(Class<?> type) {
        if (untyped || type == PgArray.class || List.class.isAssignableFrom(type)) {
            // these classes do not tell the array type: the server infers it
            return Oids.UNSPECIFIED;
        }
        Class<?> leaf = type;
        while (leaf.isArray()) {
            leaf = leaf.getComponentType();
        }
        // Composite[] says no more than Composite does
        return leaf == Composite.class ? Oids.UNSPECIFIED : oid;
    }

    @Override
    public Format encodeFormat(Object value) {
        if (untyped) {
            return Format.TEXT;
        }
        if (element instanceof TextCodecs.TextCodec) {
            // the character types' binary form is their text
            return Format.BINARY;
        }
        Object leaf = firstLeaf(value instanceof PgArray array ? array.elements() : value);
        return leaf == null ? Format.BINARY : element.encodeFormat(leaf);
    }

    private @Nullable Object firstLeaf(@Nullable Object node) {
        if (!isNode(node)) {
            return node;
        }
        int n = size(node);
        for (int i = 0; i < n; i++) {
            Object leaf = firstLeaf(get(node, i));
            if (leaf != null) {
                return leaf;
            }
        }
        return null;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        int[] dims;
        int[] lowerBounds = null;
        if (value instanceof PgArray array) {
            dims = array.dimensions();
            lowerBounds = array.lowerBounds();
            value = array.ndims() == 0 ? List.of() : nest(array.elements(), dims, 0, new int[] {0});
        } else {
            dims = dimensions(value);
        }
        if (encodeFormat(value) == Format.TEXT) {
            ArrayText.write(this, value, dims, lowerBounds, out);
            return;
        }
        boolean empty = dims.length == 0 || Arrays.stream(dims).anyMatch(d -> d == 0);
        out.writeInt(empty ? 0 : dims.length);
        int flagsIndex = out.writerIndex();
        out.writeInt(0).writeInt(element.oid());
        if (empty) {
            return;
        }
        for (int i = 0; i < dims.length; i++) {
            out.writeInt(dims[i]).writeInt(lowerBounds == null ? 1 : lowerBounds[i]);
        }
        if (writeElements(value, dims, 0, out)) {
            out.setInt(flagsIndex, 1);
        }
    }

    /** The row-major elements of a {@link PgArray} as nested lists, one level per dimension. */
    private static List<@Nullable Object> nest(List<@Nullable Object> elements, int[] dims, int depth, int[] next) {
        List<@Nullable Object> level = new java.util.ArrayList<>(dims[depth]);
        for (int i = 0; i < dims[depth]; i++) {
            level.add(depth == dims.length - 1 ? elements.get(next[0]++) : nest(elements, dims, depth + 1, next));
        }
        return level;
    }

    /** Writes the elements below {@code node} with their lengths; returns whether one was NULL. */
    private boolean writeElements(Object node, int[] dims, int depth, ByteBuf out) {
        boolean hasNull = false;
        for (int i = 0; i < dims[depth]; i++) {
            Object child = get(node, i);
            if (depth < dims.length - 1) {
                hasNull |= writeElements(checkNode(child, dims, depth + 1), dims, depth + 1, out);
            } else if (child == null) {
                out.writeInt(-1);
                hasNull = true;
            } else {
                int lengthIndex = out.writerIndex();
                out.writeInt(0);
                element.encode(checkLeaf(child), out);
                out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
            }
        }
        return hasNull;
    }

    /** The sizes of the dimensions, following the first element of each level. */
    int[] dimensions(Object value) {
        int[] dims = new int[MAX_DIMENSIONS];
        int n = 0;
        Object node = value;
        while (true) {
            if (n == MAX_DIMENSIONS) {
                throw new IllegalArgumentException("Cannot encode " + typeName + ": more than " + MAX_DIMENSIONS
                        + " dimensions");
            }
            int size = size(node);
            dims[n++] = size;
            Object first = size == 0 ? null : firstNonNull(node, size);
            if (first == null || !isNode(first)) {
                break;
            }
            node = first;
        }
        return size(value) == 0 ? new int[0] : Arrays.copyOf(dims, n);
    }

    private static @Nullable Object firstNonNull(Object node, int size) {
        for (int i = 0; i < size; i++) {
            Object child = get(node, i);
            if (child != null) {
                return child;
            }
        }
        return null;
    }

    Object checkNode(@Nullable Object child, int[] dims, int depth) {
        if (!isNode(child) || size(child) != dims[depth]) {
            throw new IllegalArgumentException("Cannot encode " + typeName
                    + ": multidimensional arrays must be rectangular, without NULL sub-arrays (expected "
                    + dims[depth] + " elements at depth " + depth + ", got "
                    + (child == null ? "null" : isNode(child) ? size(child) + " elements" : child.getClass().getName())
                    + ")");
        }
        return child;
    }

    Object checkLeaf(Object child) {
        if (isNode(child) || !accepts(child)) {
            throw new IllegalArgumentException("Cannot encode " + child.getClass().getName()
                    + " as an element of PostgreSQL " + typeName
                    + (isNode(child) ? ": multidimensional arrays must be rectangular" : ""));
        }
        return child;
    }

    /**
     * Whether the element codec encodes a leaf; the character types ({@code varchar}, {@code name},
     * {@code json} ...) take any {@code String} here although a String alone binds as untyped text.
     */
    private boolean accepts(Object leaf) {
        return element.canEncode(leaf) || (element instanceof TextCodecs.TextCodec && leaf instanceof String);
    }

    static int size(Object node) {
        return node instanceof List ? ((List<?>) node).size() : Array.getLength(node);
    }

    static @Nullable Object get(Object node, int i) {
        return node instanceof List ? ((List<?>) node).get(i) : Array.get(node, i);
    }

    /**
     * Tells whether every non-null leaf below {@code node} is encodable by the element codec;
     * the structure itself (rectangular, no NULL sub-arrays) is checked by {@link #encode}.
     *
     * @return -1 when some leaf is not encodable, else the number of non-null leaves
     */
    private int encodableLeaves(Object node, int depth) {
        if (depth > 8 * MAX_DIMENSIONS) {
            // a list that contains itself; too many dimensions are reported by encode
            return -1;
        }
        int count = 0;
        int n = size(node);
        for (int i = 0; i < n; i++) {
            Object child = get(node, i);
            if (isNode(child)) {
                int below = encodableLeaves(child, depth + 1);
                if (below < 0) {
                    return -1;
                }
                count += below;
            } else if (child != null) {
                if (!accepts(child)) {
                    return -1;
                }
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "ArrayCodec[" + typeName + ", oid " + Integer.toUnsignedString(oid) + (untyped ? ", untyped" : "") + "]";
    }
}
