package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.PgRow;
import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.codec.builtin.ArrayCodecs;
import dev.r2dbcpg.core.codec.builtin.RangeCodecs;
import dev.r2dbcpg.core.codec.builtin.UserTypeCodecs;
import dev.r2dbcpg.core.protocol.RowDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Learns the types a connection factory's statements meet that no codec knows (enums, composite
 * types, domains, ranges and multiranges over any subtype, arrays of all of these, and the
 * extension types {@code hstore} and {@code citext}) from {@code pg_type}, and registers their
 * codecs in the factory's {@link CodecRegistry}, which every connection of the factory shares.
 *
 * <p>One query ({@link #CLOSURE_SQL}) fetches the unknown types and, recursively, the types they
 * are made of. What a type becomes is decided here, in {@link #learn}: first a codec the user
 * registered for the type's qualified name, then a built-in codec, then one built from the type's
 * kind. Types that cannot get a codec (base types of unknown extensions) are remembered so that
 * they are looked up once, and keep the text fallback.
 *
 * <p>Thread-safe: connections of the factory learn concurrently; a type learned twice is
 * registered twice with equal codecs.
 */
public final class TypeDiscovery {

    /**
     * The types whose OIDs are in $1 ({@code oid[]}) and everything they are made of: array
     * elements, domain base types, range subtypes, the ranges of multiranges, composite
     * attributes. {@code rngmultitypid} is read through {@code to_jsonb} as it does not exist
     * before PostgreSQL 14. Columns: oid, nspname, typname, typtype, typcategory, typelem,
     * typbasetype, rngsubtype, multirange_of, attnames, atttypes.
     */
    public static final String CLOSURE_SQL = """
            WITH RECURSIVE closure(oid) AS (
                SELECT unnest($1::pg_catalog.oid[])
              UNION
                SELECT d.dep FROM closure c
                JOIN pg_catalog.pg_type t ON t.oid = c.oid
                CROSS JOIN LATERAL (
                    SELECT t.typelem WHERE t.typelem <> 0
                    UNION ALL SELECT t.typbasetype WHERE t.typbasetype <> 0
                    UNION ALL SELECT r.rngsubtype FROM pg_catalog.pg_range r WHERE r.rngtypid = t.oid
                    UNION ALL SELECT r.rngtypid FROM pg_catalog.pg_range r
                        WHERE (to_jsonb(r) ->> 'rngmultitypid')::pg_catalog.oid = t.oid
                    UNION ALL SELECT a.atttypid FROM pg_catalog.pg_attribute a
                        WHERE t.typrelid <> 0 AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
                ) AS d(dep)
            )
            SELECT t.oid, n.nspname, t.typname, t.typtype, t.typcategory, t.typelem, t.typbasetype, r.rngsubtype,
                (SELECT mr.rngtypid FROM pg_catalog.pg_range mr
                    WHERE (to_jsonb(mr) ->> 'rngmultitypid')::pg_catalog.oid = t.oid) AS multirange_of,
                ARRAY(SELECT a.attname FROM pg_catalog.pg_attribute a WHERE t.typrelid <> 0
                    AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS attnames,
                ARRAY(SELECT a.atttypid FROM pg_catalog.pg_attribute a WHERE t.typrelid <> 0
                    AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS atttypes
            FROM closure c
            JOIN pg_catalog.pg_type t ON t.oid = c.oid
            JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            LEFT JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid""";

    /**
     * Resolves a type name as the server would (search_path, quoting, {@code int[]}): oid, typarray,
     * and for a range type its multirange's oid and typarray (null otherwise and before PostgreSQL 14).
     */
    public static final String RESOLVE_SQL = """
            SELECT t.oid, t.typarray, m.oid, m.typarray FROM pg_catalog.pg_type t
            LEFT JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid
            LEFT JOIN pg_catalog.pg_type m ON m.oid = (to_jsonb(r) ->> 'rngmultitypid')::pg_catalog.oid
            WHERE t.oid = to_regtype($1)""";

    /** One row of {@link #CLOSURE_SQL}. */
    public record TypeRow(int oid, String namespace, String name, char kind, char category, int element, int base,
            int subtype, int rangeOfMultirange, List<String> attributeNames, int[] attributeTypes) {

        public String qualifiedName() {
            return namespace + "." + name;
        }

        public static TypeRow of(PgRow row) {
            String[] names = row.get(9, String[].class);
            Long[] types = row.get(10, Long[].class);
            int[] attributeTypes = new int[types == null ? 0 : types.length];
            for (int i = 0; i < attributeTypes.length; i++) {
                attributeTypes[i] = types[i].intValue();
            }
            return new TypeRow(oid(row, 0), row.get(1, String.class), row.get(2, String.class),
                    row.get(3, String.class).charAt(0), row.get(4, String.class).charAt(0), oid(row, 5), oid(row, 6),
                    oid(row, 7), oid(row, 8), names == null ? List.of() : List.of(names), attributeTypes);
        }

        private static int oid(PgRow row, int index) {
            Long value = row.get(index, Long.class);
            return value == null ? 0 : value.intValue();
        }
    }

    /** How the user wants one type decoded: builds its codec once its row is known. */
    public interface Registration {
        Codec<?> build(TypeRow row, IntFunction<Codec<?>> resolve);
    }

    private final CodecRegistry codecs;
    /** OIDs whose codecs discovery registered (dropped by {@link #reset}). */
    private final Set<Integer> learned = ConcurrentHashMap.newKeySet();
    /** OIDs looked up that got no codec: not looked up again until {@link #reset}. */
    private final Set<Integer> unsupported = ConcurrentHashMap.newKeySet();
    /** User registrations by qualified name ({@code schema.type}). */
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();

    public TypeDiscovery(CodecRegistry codecs) {
        this.codecs = codecs;
    }

    public CodecRegistry codecs() {
        return codecs;
    }

    /** The OIDs among a statement's parameter and column types that need a look-up, or an empty array. */
    int[] unknown(int @Nullable [] parameterTypes, @Nullable RowDescription description) {
        Set<Integer> oids = new LinkedHashSet<>();
        if (parameterTypes != null) {
            for (int oid : parameterTypes) {
                addIfUnknown(oids, oid);
            }
        }
        if (description != null) {
            for (int i = 0; i < description.size(); i++) {
                addIfUnknown(oids, description.column(i).typeOid());
            }
        }
        return oids.stream().mapToInt(Integer::intValue).toArray();
    }

    private void addIfUnknown(Set<Integer> oids, int oid) {
        if (oid != 0 && !codecs.hasCodec(oid) && !unsupported.contains(oid)) {
            oids.add(oid);
        }
    }

    /** The {@code oid[]} parameter of {@link #CLOSURE_SQL} in text form: {@code {1,2}}. */
    public static String oidArray(int[] oids) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < oids.length; i++) {
            out.append(i == 0 ? "" : ",").append(Integer.toUnsignedString(oids[i]));
        }
        return out.append('}').toString();
    }

    /**
     * Builds and registers codecs for the looked-up types.
     *
     * @param rows    the rows of {@link #CLOSURE_SQL}
     * @param wanted  the OIDs the look-up was for; those that get no codec are remembered
     * @param rebuild OIDs whose codecs are built again even though a codec exists (a registration)
     */
    public void learn(List<TypeRow> rows, int[] wanted, Set<Integer> rebuild) {
        Map<Integer, TypeRow> byOid = new HashMap<>();
        for (TypeRow row : rows) {
            byOid.put(row.oid(), row);
        }
        Builder builder = new Builder(byOid, rebuild);
        for (int oid : wanted) {
            if (builder.codec(oid) == null) {
                unsupported.add(oid);
            }
        }
        for (int oid : rebuild) {
            builder.codec(oid);
        }
    }

    /** Adds a user registration; it applies from the next look-up of the type. */
    public void register(String qualifiedName, Registration registration) {
        registrations.put(qualifiedName, registration);
    }

    /** Removes a user registration and the codec it made, so that the type is learned again on sight. */
    public void unregister(String qualifiedName, int... oids) {
        registrations.remove(qualifiedName);
        for (int oid : oids) {
            codecs.unregister(oid);
            learned.remove(oid);
            unsupported.remove(oid);
        }
    }

    /** Forgets every learned type, so that each is looked up again on sight. */
    public void reset() {
        for (Integer oid : new ArrayList<>(learned)) {
            codecs.unregister(oid);
        }
        learned.clear();
        unsupported.clear();
    }

    /** Builds codecs bottom-up (a type's codec needs its parts' codecs) and registers each. */
    private final class Builder {

        private final Map<Integer, TypeRow> rows;
        private final Set<Integer> rebuild;
        private final Map<Integer, @Nullable Codec<?>> built = new HashMap<>();
        private final Set<Integer> inProgress = new HashSet<>();

        Builder(Map<Integer, TypeRow> rows, Set<Integer> rebuild) {
            this.rows = rows;
            this.rebuild = rebuild;
        }

        @Nullable Codec<?> codec(int oid) {
            if (built.containsKey(oid)) {
                return built.get(oid);
            }
            if (!rebuild.contains(oid) && codecs.hasCodec(oid)) {
                return codecs.forOid(oid);
            }
            TypeRow row = rows.get(oid);
            if (row == null || !inProgress.add(oid)) {
                return null;
            }
            Codec<?> codec;
            try {
                codec = make(row);
            } finally {
                inProgress.remove(oid);
            }
            built.put(oid, codec);
            if (codec != null) {
                codecs.unregister(oid);
                codecs.register(codec);
                learned.add(oid);
                unsupported.remove(oid);
            }
            return codec;
        }

        private Codec<?> require(int oid) {
            Codec<?> codec = codec(oid);
            return codec != null ? codec : codecs.forOid(oid);
        }

        private @Nullable Codec<?> make(TypeRow row) {
            Registration registration = registrations.get(row.qualifiedName());
            if (registration != null) {
                return registration.build(row, this::require);
            }
            if (rebuild.contains(row.oid()) && row.category() == 'A' && row.element() != 0) {
                Codec<?> element = codec(row.element());
                return element == null ? null : ArrayCodecs.arrayOf(element, row.oid());
            }
            if (rebuild.contains(row.oid()) && dev.r2dbcpg.core.codec.builtin.BuiltinCodecs.forOid(row.oid()) != null) {
                return dev.r2dbcpg.core.codec.builtin.BuiltinCodecs.forOid(row.oid());
            }
            switch (row.kind()) {
                case 'e':
                    return UserTypeCodecs.enumType(row.oid(), row.name(), null);
                case 'c':
                    return composite(row, null);
                case 'd': {
                    Codec<?> base = codec(row.base());
                    return base == null ? null : UserTypeCodecs.retyped(base, row.oid(), row.name());
                }
                case 'r': {
                    Codec<?> subtype = codec(row.subtype());
                    return subtype == null ? null : RangeCodecs.rangeOf(subtype, row.oid(), row.name());
                }
                case 'm': {
                    Codec<?> range = codec(row.rangeOfMultirange());
                    return range == null ? null : RangeCodecs.multirangeOf(range, row.oid(), row.name());
                }
                case 'p':
                    return row.name().equals("record") ? UserTypeCodecs.anonymousRecord(codecs::forOid) : null;
                default:
                    break;
            }
            if (row.category() == 'A' && row.element() != 0) {
                Codec<?> element = codec(row.element());
                return element == null ? null : ArrayCodecs.arrayOf(element, row.oid());
            }
            if (row.name().equals("hstore")) {
                return UserTypeCodecs.hstore(row.oid(), false);
            }
            if (row.name().equals("citext")) {
                return UserTypeCodecs.retyped(codecs.forOid(dev.r2dbcpg.core.codec.Oids.TEXT), row.oid(), "citext");
            }
            return null;
        }

        Codec<?> composite(TypeRow row, @Nullable Class<? extends Record> recordClass) {
            List<Integer> oids = new ArrayList<>();
            List<Codec<?>> attributeCodecs = new ArrayList<>();
            for (int type : row.attributeTypes()) {
                oids.add(type);
                attributeCodecs.add(require(type));
            }
            return UserTypeCodecs.composite(row.oid(), row.name(), row.attributeNames(), oids, attributeCodecs,
                    recordClass);
        }
    }

    @Override
    public String toString() {
        return "TypeDiscovery[learned " + learned.size() + ", unsupported " + Arrays.toString(unsupported.toArray()) + "]";
    }
}
