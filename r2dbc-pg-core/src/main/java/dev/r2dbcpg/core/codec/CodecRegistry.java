package dev.r2dbcpg.core.codec;

import dev.r2dbcpg.core.codec.builtin.BuiltinCodecs;
import dev.r2dbcpg.core.types.Composite;
import io.netty.buffer.ByteBuf;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Finds codecs by type OID (for result columns) and by Java class (for bound values).
 *
 * <p>Built-ins are looked up through an array by OID and a {@link ClassValue} by class.
 * Registered codecs live in an immutable snapshot that {@link #register} replaces atomically, so
 * lookups take no lock and box nothing, and a lookup that starts after {@code register} returns
 * sees the new codec. A registered codec overrides a built-in with the same OID, and takes part in
 * lookups by class and value for the classes its {@link Codec#canEncodeType} accepts; the latest
 * registration wins.
 */
public final class CodecRegistry {

    private final AtomicReference<Registered> registered = new AtomicReference<>(Registered.EMPTY);

    private CodecRegistry() {
    }

    /**
     * Creates a registry holding all built-in codecs and nothing else.
     *
     * @return a new, independent registry
     */
    public static CodecRegistry defaults() {
        return new CodecRegistry();
    }

    /**
     * Returns the codec that decodes a type.
     *
     * @param oid the type OID from RowDescription
     * @return the registered or built-in codec; for an unknown OID a fallback codec that decodes
     *         text as {@code String} and binary as {@code ByteBuffer}/{@code byte[]}
     */
    public Codec<?> forOid(int oid) {
        Codec<?> codec = lookup(oid);
        return codec != null ? codec : BuiltinCodecs.fallback(oid);
    }

    /**
     * Tells whether a type has a codec that decodes binary format, to choose the result format of
     * each column in Bind.
     *
     * @param oid the type OID
     * @return true when binary results of this type can be decoded
     */
    public boolean hasBinaryCodec(int oid) {
        Codec<?> codec = lookup(oid);
        return codec != null && codec.supportsFormat(Format.BINARY);
    }

    /**
     * Tells whether a type has a registered or built-in codec (rather than the fallback).
     *
     * @param oid the type OID
     * @return true when {@link #forOid} finds a real codec
     */
    public boolean hasCodec(int oid) {
        return lookup(oid) != null;
    }

    /**
     * Returns the codec that encodes a value, for {@code Statement.bind}: the codec found by the
     * value's class when it accepts the value, else the latest registered codec for the class that
     * does, else the built-in one. So a {@code Range<Double>} binds as a registered range type over
     * {@code float8} while a {@code Range<Integer>} stays an {@code int4range}.
     *
     * <p>A {@link Composite} binds as the composite type of its {@link Composite#typeName()} among
     * the learned and registered ones (the latest learned when two schemas have one of that name),
     * with attributes by position; a value whose attributes do not fit the type fails when it is
     * encoded. A composite type not learned yet is resolved after the statement
     * is prepared: its parameter is declared with no type, the server infers it from the statement
     * ({@code $1::address}, a column), the type is learned, and the value is then encoded, so an
     * unknown name fails only when the value is encoded.
     *
     * @param value the non-null value
     * @return the codec; its {@link Codec#canEncode} accepts {@code value}
     * @throws IllegalArgumentException naming the value's class when no codec encodes it
     */
    public Codec<?> forValue(Object value) {
        Class<?> type = value.getClass();
        Codec<?> codec = forClass(type);
        if (codec != null && codec.canEncode(value)) {
            return codec;
        }
        Codec<?> other = anyForValue(type, value);
        if (other != null) {
            return other;
        }
        if (value instanceof Composite composite) {
            return pendingComposite(composite);
        }
        throw new IllegalArgumentException("Cannot encode value of type " + type.getName()
                + ": no codec for this class (supported: Boolean, Short, Byte, Integer, Long, Float, Double,"
                + " BigDecimal, BigInteger, String, Character, byte[], ByteBuffer, LocalDate, LocalTime,"
                + " OffsetTime, LocalDateTime, OffsetDateTime, Instant, ZonedDateTime, UUID, Interval, Duration,"
                + " Period, InetAddress, Inet, Cidr, MacAddress, the geometric types, BitString, BitSet, Lsn, Tid,"
                + " JsonNode, Java enums (as text), Range, Multirange, PgArray, Composite, arrays of these, and"
                + " registered codecs)");
    }

    /** The latest registered codec for the class that accepts the value, else the built-in one, or null. */
    private @Nullable Codec<?> anyForValue(Class<?> type, Object value) {
        List<Codec<?>> codecs = registered.get().codecs;
        for (int i = codecs.size() - 1; i >= 0; i--) {
            Codec<?> c = codecs.get(i);
            if (c.canEncodeType(type) && c.canEncode(value)) {
                return c;
            }
        }
        Codec<?> builtin = BuiltinCodecs.forClass(type);
        return builtin != null && builtin.canEncode(value) ? builtin : null;
    }

    private Codec<?> pendingComposite(Composite value) {
        if (value.typeName().equals("record")) {
            throw new IllegalArgumentException("Cannot encode an anonymous record (" + Composite.class.getName()
                    + " of type record): PostgreSQL takes no record parameter in binary; build the Composite with"
                    + " the name of a composite type");
        }
        return new PendingComposite(this);
    }

    /**
     * Returns the codec that encodes values of a class, for {@code Statement.bindNull}.
     *
     * @param type the Java class; a primitive class stands for its wrapper
     * @return the codec, or null when no codec encodes this class
     */
    public @Nullable Codec<?> forClass(Class<?> type) {
        Registered r = registered.get();
        if (r.byClass != null) {
            return r.byClass.get(type).orElse(null);
        }
        return BuiltinCodecs.forClass(type);
    }

    /**
     * Adds a codec, for a type learned from the server or supplied by the user. Thread-safe;
     * later lookups see it.
     *
     * @param codec the codec; overrides any earlier codec for the same OID
     */
    public void register(Codec<?> codec) {
        registered.updateAndGet(r -> r.with(codec));
    }

    /**
     * Removes every codec registered for a type OID, so that the built-in codec (or none) serves
     * it again. Thread-safe; later lookups no longer see them.
     *
     * @param oid the type OID
     */
    public void unregister(int oid) {
        registered.updateAndGet(r -> r.without(oid));
    }

    private @Nullable Codec<?> lookup(int oid) {
        IntObjectHashMap<Codec<?>> byOid = registered.get().byOid;
        if (byOid != null) {
            Codec<?> codec = byOid.get(oid);
            if (codec != null) {
                return codec;
            }
        }
        return BuiltinCodecs.forOid(oid);
    }

    /** An immutable snapshot of the registered codecs; replaced, never changed. */
    private static final class Registered {

        static final Registered EMPTY = new Registered(List.of());

        final List<Codec<?>> codecs;
        final @Nullable IntObjectHashMap<Codec<?>> byOid;
        final @Nullable ClassValue<Optional<Codec<?>>> byClass;

        private Registered(List<Codec<?>> codecs) {
            this.codecs = codecs;
            if (codecs.isEmpty()) {
                this.byOid = null;
                this.byClass = null;
                return;
            }
            IntObjectHashMap<Codec<?>> map = new IntObjectHashMap<>(codecs.size() * 2);
            for (Codec<?> codec : codecs) {
                map.put(codec.oid(), codec);
            }
            this.byOid = map;
            this.byClass = new ClassValue<>() {
                @Override
                protected Optional<Codec<?>> computeValue(Class<?> type) {
                    for (int i = codecs.size() - 1; i >= 0; i--) {
                        if (codecs.get(i).canEncodeType(type)) {
                            return Optional.of(codecs.get(i));
                        }
                    }
                    return Optional.ofNullable(BuiltinCodecs.forClass(type));
                }
            };
        }

        Registered with(Codec<?> codec) {
            List<Codec<?>> next = new ArrayList<>(codecs);
            next.add(codec);
            return new Registered(List.copyOf(next));
        }

        Registered without(int oid) {
            List<Codec<?>> next = new ArrayList<>(codecs);
            return next.removeIf(c -> c.oid() == oid) ? new Registered(List.copyOf(next)) : this;
        }
    }

    /**
     * A {@link Composite} whose type is not learned yet: declared without a type in Parse, so that
     * the server infers it and the statement's type look-up learns it; found by name when the
     * value is encoded, after that look-up.
     */
    private static final class PendingComposite implements Codec<Composite> {

        private final CodecRegistry registry;

        PendingComposite(CodecRegistry registry) {
            this.registry = registry;
        }

        private Codec<?> resolve(Object value) {
            Composite composite = (Composite) value;
            for (Codec<?> c : registry.registered.get().codecs) {
                if (c.canEncodeType(Composite.class) && c.canEncode(value)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("Composite type '" + composite.typeName() + "' is not known: the"
                    + " statement must give the parameter that type (for example $1::" + composite.typeName()
                    + "), or register the type with PgTypes.registerComposite");
        }

        @Override
        public int oid() {
            return Oids.UNSPECIFIED;
        }

        @Override
        public String typeName() {
            return "composite";
        }

        @Override
        public Class<Composite> javaType() {
            return Composite.class;
        }

        @Override
        public boolean canDecode(Class<?> target) {
            return false;
        }

        @Override
        public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
            throw new IllegalArgumentException("Never decodes");
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof Composite;
        }

        @Override
        public int paramOid(Object value) {
            return Oids.UNSPECIFIED;
        }

        @Override
        public Format encodeFormat(Object value) {
            return Format.BINARY;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            resolve(value).encode(value, out);
        }
    }
}
