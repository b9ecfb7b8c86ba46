package dev.r2dbcpg.core.codec;

import dev.r2dbcpg.core.codec.builtin.BuiltinCodecs;
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
     * Returns the codec that encodes a value, for {@code Statement.bind}.
     *
     * @param value the non-null value
     * @return the codec; its {@link Codec#canEncode} accepts {@code value}
     * @throws IllegalArgumentException naming the value's class when no codec encodes it
     */
    public Codec<?> forValue(Object value) {
        Codec<?> codec = forClass(value.getClass());
        if (codec == null || !codec.canEncode(value)) {
            throw new IllegalArgumentException("Cannot encode value of type " + value.getClass().getName()
                    + ": no codec for this class (supported: Boolean, Short, Byte, Integer, Long, Float, Double,"
                    + " BigDecimal, BigInteger, String, Character, byte[], ByteBuffer, LocalDate, LocalTime,"
                    + " OffsetTime, LocalDateTime, OffsetDateTime, Instant, ZonedDateTime, UUID, Interval, Duration,"
                    + " Period, InetAddress, Inet, Cidr, MacAddress, the geometric types, BitString, BitSet, Lsn, Tid,"
                    + " JsonNode, Java enums (as text), arrays of these, and registered codecs)");
        }
        return codec;
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
}
