package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.codec.Format;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Clob;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The values bound to one execution of a statement. Each value's codec is found when it is bound, so
 * a value that cannot be encoded fails at {@code bind} naming its parameter, before anything is sent.
 */
public final class Binding {

    /** A bound NULL, remembering the Java type it stands for (to declare the parameter's type). */
    private record Null(Class<?> type, @Nullable Codec<?> codec) {
    }

    /** A Blob or Clob: streamed in before the statement runs. */
    private record Lob(Object lob) {
    }

    private final Object[] values;
    private final Codec<?>[] codecs;
    /** Parameter type OIDs declared with {@code Parameters.in(type, value)}; 0 where none; null until one is. */
    private int @Nullable [] declared;
    private boolean outParameters;

    public Binding(int parameterCount) {
        this.values = new Object[parameterCount];
        this.codecs = new Codec<?>[parameterCount];
    }

    public void bind(int index, Object value, CodecRegistry registry) {
        declare(index, 0);
        if (value instanceof Blob || value instanceof Clob) {
            values[index] = new Lob(value);
            codecs[index] = null;
            return;
        }
        Codec<?> codec;
        try {
            codec = registry.forValue(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot bind $" + (index + 1) + ": " + e.getMessage(), e);
        }
        values[index] = value;
        codecs[index] = codec;
    }

    /**
     * Binds {@code value} as the type {@code oid} ({@code Parameters.in(type, value)}). With that type's codec when
     * it encodes the value's class; else with the value's own codec, still declared as that type when the value
     * goes in text (the server then reads it as that type's input, a {@code String} included); else as
     * {@link #bind} would, the declared type ignored (a binary value of another type cannot be read as it).
     */
    public void bindDeclared(int index, Object value, int oid, CodecRegistry registry) {
        Codec<?> codec = oid != 0 && registry.hasCodec(oid) && !(value instanceof Blob || value instanceof Clob)
                ? registry.forOid(oid) : null;
        if (codec == null || !codec.canEncode(value)) {
            bind(index, value, registry);
            Codec<?> own = codecs[index];
            if (own != null && own.encodeFormat(value) == Format.TEXT) {
                declare(index, oid);
            }
            return;
        }
        values[index] = value;
        codecs[index] = codec;
        declare(index, oid);
    }

    /** Binds NULL declared as the type {@code oid}, or by its Java type when {@code oid} is 0. */
    public void bindNullDeclared(int index, Class<?> type, int oid, CodecRegistry registry) {
        bindNull(index, type, registry);
        declare(index, oid);
    }

    private void declare(int index, int oid) {
        if (oid != 0 && declared == null) {
            declared = new int[values.length];
        }
        if (declared != null) {
            declared[index] = oid;
        }
    }

    /** Marks the binding as a {@code CALL} with OUT parameters: its result row holds their values. */
    public void markOutParameters() {
        outParameters = true;
    }

    boolean hasOutParameters() {
        return outParameters;
    }

    public void bindNull(int index, Class<?> type, CodecRegistry registry) {
        declare(index, 0);
        values[index] = new Null(type, registry.forClass(type));
        codecs[index] = null;
    }

    /** Whether Blob or Clob values must be read in (see {@link #materialize}) before encoding. */
    public boolean hasLobs() {
        for (Object value : values) {
            if (value instanceof Lob) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads every Blob into a {@code byte[]} and every Clob into a {@code String}, then binds those in
     * their place; the large objects are discarded afterwards.
     */
    public Mono<Binding> materialize(CodecRegistry registry) {
        Binding copy = new Binding(values.length);
        copy.outParameters = outParameters;
        copy.declared = declared == null ? null : declared.clone();
        System.arraycopy(values, 0, copy.values, 0, values.length);
        System.arraycopy(codecs, 0, copy.codecs, 0, codecs.length);
        return Flux.range(0, values.length)
                .filter(i -> values[i] instanceof Lob)
                .concatMap(i -> read(((Lob) values[i]).lob()).doOnNext(v -> copy.bind(i, v, registry)))
                .then(Mono.just(copy));
    }

    private static Mono<Object> read(Object lob) {
        if (lob instanceof Blob blob) {
            return Flux.from(blob.stream())
                    .collect(ByteArrayOutputStream::new, (out, chunk) -> {
                        byte[] bytes = new byte[chunk.remaining()];
                        chunk.duplicate().get(bytes);
                        out.writeBytes(bytes);
                    })
                    .<Object>map(ByteArrayOutputStream::toByteArray)
                    .flatMap(v -> Mono.from(blob.discard()).thenReturn(v));
        }
        Clob clob = (Clob) lob;
        return Flux.from(clob.stream())
                .collect(StringBuilder::new, StringBuilder::append)
                .<Object>map(StringBuilder::toString)
                .flatMap(v -> Mono.from(clob.discard()).thenReturn(v));
    }

    public boolean isEmpty() {
        for (Object value : values) {
            if (value != null) {
                return false;
            }
        }
        return true;
    }

    /** Throws when some parameter has no value. */
    public void requireComplete() {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalStateException("Parameter $" + (i + 1) + " has no value: bind a value or bindNull");
            }
        }
    }

    int size() {
        return values.length;
    }

    /** The bound values for a query logger that asked for them: NULLs as null, in parameter order. */
    java.util.List<@Nullable Object> loggedValues() {
        java.util.List<@Nullable Object> list = new java.util.ArrayList<>(values.length);
        for (Object value : values) {
            list.add(value instanceof Null ? null : value instanceof Lob lob ? lob.lob() : value);
        }
        return java.util.Collections.unmodifiableList(list);
    }

    /** The parameter type OIDs to declare in Parse (0 lets the server infer). */
    int[] parameterTypes() {
        int[] oids = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (declared != null && declared[i] != 0) {
                oids[i] = declared[i];
            } else if (value instanceof Null nul) {
                oids[i] = nul.codec() == null ? 0 : nul.codec().paramOidForNull(nul.type());
            } else {
                oids[i] = codecs[i].paramOid(value);
            }
        }
        return oids;
    }

    /** The Bind format code of each parameter. */
    short[] parameterFormats() {
        short[] formats = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            formats[i] = value instanceof Null ? Format.TEXT.code() : codecs[i].encodeFormat(value).code();
        }
        return formats;
    }

    /**
     * Encodes the values in Bind's layout: Int16 count, then per value Int32 length (-1 for NULL) and bytes.
     *
     * @return a new buffer; ownership passes to the caller
     */
    ByteBuf encode(ByteBufAllocator allocator) {
        ByteBuf out = allocator.ioBuffer(2 + values.length * 12);
        try {
            out.writeShort(values.length);
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value instanceof Null) {
                    out.writeInt(-1);
                    continue;
                }
                int lengthAt = out.writerIndex();
                out.writeInt(0);
                try {
                    codecs[i].encode(value, out);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("Cannot encode $" + (i + 1) + " (" + value.getClass().getName()
                            + "): " + e.getMessage(), e);
                }
                out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "Binding[" + values.length + " parameters, bound: " + Arrays.stream(values).filter(v -> v != null).count() + "]";
    }
}
