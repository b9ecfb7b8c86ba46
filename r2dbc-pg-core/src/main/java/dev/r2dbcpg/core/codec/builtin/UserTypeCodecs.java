package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Codecs for types that exist only in a database: enums, composite types, domains, extension
 * types ({@code hstore}, {@code citext}) and codecs the user writes as functions. The driver's type
 * discovery builds them from {@code pg_type}; they can also be registered by hand with
 * {@code CodecRegistry.register} when the OIDs are known. Arrays and ranges of these types wrap
 * them with {@link ArrayCodecs#arrayOf} and {@link RangeCodecs#rangeOf}.
 */
public final class UserTypeCodecs {

    /** OID of the pseudo-type {@code record} (an anonymous row value). */
    public static final int RECORD = 2249;
    /** OID of {@code record[]}. */
    public static final int RECORD_ARRAY = 2287;

    private UserTypeCodecs() {
    }

    /**
     * Creates the codec of an enum type: labels decode as {@code String}, or as constants of
     * {@code javaEnum} (by name) when given, which then bind as this type.
     *
     * @param oid      the enum type's OID
     * @param typeName the type name, for messages
     * @param javaEnum the Java enum mapped to the type, or null
     * @return a new codec reading and writing both formats
     */
    public static Codec<?> enumType(int oid, String typeName, @Nullable Class<? extends Enum<?>> javaEnum) {
        return new EnumCodec(oid, typeName, javaEnum);
    }

    /**
     * Creates the codec of a composite type from its attributes' codecs.
     *
     * @param oid             the composite type's OID
     * @param typeName        the type name, for messages and {@code Composite.typeName()}
     * @param names           the attribute names in order
     * @param attributeOids   the attribute type OIDs in the same order
     * @param attributeCodecs the attribute codecs in the same order
     * @param recordClass     the Java record mapped to the type (components by position), or null
     * @return a new codec decoding {@code Composite} (or {@code recordClass}) in both formats, and
     *         encoding in binary instances of {@code recordClass} and {@code Composite} values whose
     *         type name is {@code typeName}
     * @throws IllegalArgumentException when the lists differ in size or the record's components do
     *                                  not match the attributes in number
     */
    public static Codec<?> composite(int oid, String typeName, List<String> names, List<Integer> attributeOids,
            List<Codec<?>> attributeCodecs, @Nullable Class<? extends Record> recordClass) {
        if (names.size() != attributeOids.size() || names.size() != attributeCodecs.size()) {
            throw new IllegalArgumentException("Attribute names, OIDs and codecs differ in number");
        }
        List<CompositeCodec.Attribute> attributes = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            attributes.add(new CompositeCodec.Attribute(names.get(i), attributeOids.get(i), attributeCodecs.get(i)));
        }
        return new CompositeCodec(oid, typeName, List.copyOf(attributes), null, recordClass);
    }

    /**
     * Creates the codec of the pseudo-type {@code record}, for anonymous row values
     * ({@code SELECT ROW(1, 'a')}); its values carry their types' OIDs in binary form.
     *
     * @param lookup finds the codec of a value's type OID (for example {@code registry::forOid})
     * @return a new codec decoding {@code Composite} with attributes named {@code f1}, {@code f2} ...
     */
    public static Codec<?> anonymousRecord(IntFunction<Codec<?>> lookup) {
        return new CompositeCodec(RECORD, "record", null, lookup, null);
    }

    /**
     * Creates a codec that reads and writes a type as another codec does: a domain as its base
     * type, or an extension type whose formats are a built-in type's ({@code citext} as
     * {@code text}). It is never chosen by Java class.
     *
     * @param base     the codec whose formats the type has
     * @param oid      the type's OID
     * @param typeName the type name, for messages
     * @return a new codec
     */
    public static <T> Codec<T> retyped(Codec<T> base, int oid, String typeName) {
        return new RetypedCodec<>(base, oid, typeName);
    }

    /**
     * Creates the codec of the {@code hstore} extension type, as {@code Map<String, String>}.
     *
     * @param oid       the OID of {@code hstore} in the database
     * @param bindsMaps whether a bound {@code Map} is sent as hstore (chosen by class)
     * @return a new codec
     */
    public static Codec<?> hstore(int oid, boolean bindsMaps) {
        return new HstoreCodec(oid, bindsMaps);
    }

    /**
     * Creates a codec in text format from two functions over the value's text.
     *
     * @param oid      the type's OID
     * @param typeName the type name
     * @param javaType the Java class the decoder returns; values of it bind as this type
     * @param encoder  value to text
     * @param decoder  text to value, never returning null
     * @return a new codec; results of the type are requested in text
     */
    public static <T> Codec<T> text(int oid, String typeName, Class<T> javaType, Function<? super T, String> encoder,
            Function<String, ? extends T> decoder) {
        return new FunctionCodec<>(oid, typeName, javaType, Format.TEXT, encoder, decoder);
    }

    /**
     * Creates a codec in binary format from two functions over the value's bytes.
     *
     * @param oid      the type's OID
     * @param typeName the type name
     * @param javaType the Java class the decoder returns; values of it bind as this type
     * @param encoder  value to bytes (the type's {@code send} form)
     * @param decoder  bytes (the type's {@code send} form) to value, never returning null
     * @return a new codec; results of the type are requested in binary
     */
    public static <T> Codec<T> binary(int oid, String typeName, Class<T> javaType, Function<? super T, byte[]> encoder,
            Function<byte[], ? extends T> decoder) {
        return new FunctionCodec<>(oid, typeName, javaType, Format.BINARY, encoder, decoder);
    }

    /**
     * Finds a built-in codec by the name of its type ({@code "text"}, {@code "int4"},
     * {@code "numeric"}, {@code "jsonb"} ...), or {@code "hstore"} for the hstore codec (made
     * for OID 0: retype it).
     *
     * @param name the built-in type name
     * @return the codec, or empty when no built-in codec has that name
     */
    public static Optional<Codec<?>> builtin(String name) {
        if (name.equals("hstore")) {
            return Optional.of(new HstoreCodec(0, true));
        }
        for (Codec<?> codec : BuiltinCodecs.all()) {
            if (codec.typeName().equals(name) && codec.oid() != 0) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }
}
