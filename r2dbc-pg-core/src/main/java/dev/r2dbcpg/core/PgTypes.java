package dev.r2dbcpg.core;

import dev.r2dbcpg.core.engine.TypeDiscovery;
import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.builtin.RangeCodecs;
import dev.r2dbcpg.core.codec.builtin.UserTypeCodecs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The PostgreSQL types of one {@link PgConnectionFactory}, shaped after asyncpg's
 * {@code set_type_codec}, {@code reset_type_codec}, {@code set_builtin_type_codec} and
 * {@code reload_schema_state}. Reached through {@link PgConnectionFactory#types()}.
 *
 * <p><b>Without registering anything</b>, a type no codec knows is looked up from {@code pg_type}
 * the first time a prepared statement's parameters or columns use it, on the same connection
 * before the statement runs, and cached for every connection of the factory: enums read as
 * {@code String}, composite types and anonymous records as {@link dev.r2dbcpg.core.types.Composite},
 * domains as their base type, ranges over any subtype as {@link dev.r2dbcpg.core.types.Range},
 * arrays of all of these as Java arrays, {@code hstore} as {@code Map<String, String>} and
 * {@code citext} as {@code String}. Results of parameterless SQL (simple protocol) use what is
 * already known and read unknown types as text.
 *
 * <p><b>Registering</b> maps a type, found by name as the server finds it ({@code to_regtype}:
 * the {@code search_path}, schema-qualified and quoted names, {@code int4[]}), to Java. Each call
 * opens one short-lived connection from the factory to resolve the name, and completes when the
 * codec is in place; from then on every connection of the factory, open or new, uses it without a
 * reconnect, for the type and for arrays of it. A registration is kept by name: it is applied
 * again when the type is re-created and seen under a new OID, and by {@link #reloadSchemaState()}.
 * A name that does not resolve, or a type of the wrong kind, fails the returned {@code Mono} with
 * {@link IllegalArgumentException}.
 */
public final class PgTypes {

    /**
     * What a registration was resolved to: the type's qualified name and its OIDs (the type, then
     * its array type, and for a range its multirange type and that one's array type; 0 where none).
     */
    private record Resolved(String qualifiedName, int[] oids, TypeDiscovery.Registration registration) {

        int oid() {
            return oids[0];
        }
    }

    private final PgConnectionFactory factory;
    private final TypeDiscovery discovery;
    /** User registrations by the name they were given, for {@link #resetTypeCodec} and reloading. */
    private final Map<String, Resolved> registered = Collections.synchronizedMap(new LinkedHashMap<>());

    PgTypes(PgConnectionFactory factory, TypeDiscovery discovery) {
        this.factory = factory;
        this.discovery = discovery;
    }

    /**
     * Maps a PostgreSQL enum type to a Java enum: labels decode as the constant of the same name
     * (a label without a constant fails that {@code get}), and constants bind as the enum type, as
     * do arrays of them. A Java enum that is not registered binds its {@code name()} as untyped text.
     *
     * @param typeName the enum type's name, optionally schema-qualified
     * @param javaEnum the Java enum
     * @param <E>      the Java enum type
     * @return completes when the mapping is in place
     */
    public <E extends Enum<E>> Mono<Void> registerEnum(String typeName, Class<E> javaEnum) {
        requireNonNull(javaEnum, "javaEnum");
        return register(typeName, (row, resolve) -> {
            requireKind(row, 'e', "an enum", typeName);
            return UserTypeCodecs.enumType(row.oid(), row.name(), javaEnum);
        });
    }

    /**
     * Maps a PostgreSQL composite type to a Java record whose components match the attributes by
     * position (and in number); each attribute converts to its component's class as
     * {@code Row.get(i, Class)} would, so components may be other registered records, enums,
     * arrays or lists. Instances bind as the composite type, in binary, as do arrays of them.
     *
     * @param typeName   the composite type's name, optionally schema-qualified
     * @param javaRecord the Java record class
     * @param <R>        the record type
     * @return completes when the mapping is in place; register nested composite types first, as a
     *         composite's codec takes its attributes' codecs as they are when it is registered
     */
    public <R extends Record> Mono<Void> registerComposite(String typeName, Class<R> javaRecord) {
        requireNonNull(javaRecord, "javaRecord");
        return register(typeName, (row, resolve) -> {
            requireKind(row, 'c', "a composite", typeName);
            List<Integer> oids = new ArrayList<>();
            List<Codec<?>> codecs = new ArrayList<>();
            for (int oid : row.attributeTypes()) {
                oids.add(oid);
                codecs.add(resolve.apply(oid));
            }
            return UserTypeCodecs.composite(row.oid(), row.name(), row.attributeNames(), oids, codecs, javaRecord);
        });
    }

    /**
     * Makes a range type bindable: a {@link dev.r2dbcpg.core.types.Range} with a bound of
     * {@code boundClass} binds as the range type, a {@link dev.r2dbcpg.core.types.Multirange} of
     * such ranges as its multirange type (PostgreSQL 14+), and arrays of either as their array
     * types, in binary. The subtype's codec must encode {@code boundClass} (as {@code Row.get}
     * decodes it: {@code Double} for {@code float8}, the registered Java enum for an enum). A
     * range with no bound ({@code empty}, {@code (,)}) and the empty multirange still bind with
     * no declared type, and ranges of other bound classes as before (a {@code Range<Integer>}
     * stays an {@code int4range}). Registering a second range type for the same bound class
     * makes the later one win. Reading the type needs no registration.
     *
     * @param typeName   the range type's name, optionally schema-qualified
     * @param boundClass the Java class of the bounds that picks this type
     * @return completes when the mapping is in place
     */
    public Mono<Void> registerRange(String typeName, Class<?> boundClass) {
        requireNonNull(boundClass, "boundClass");
        return register(typeName, (row, resolve) -> {
            requireKind(row, 'r', "a range", typeName);
            Codec<?> subtype = resolve.apply(row.subtype());
            if (!subtype.canEncodeType(boundClass) && !subtype.javaType().equals(boundClass)) {
                throw new IllegalArgumentException("The subtype " + subtype.typeName() + " of PostgreSQL range type '"
                        + typeName + "' does not encode " + boundClass.getName());
            }
            return RangeCodecs.rangeOf(subtype, row.oid(), row.name(), boundClass);
        });
    }

    /**
     * Sets a codec for a type made of two functions over the type's text form; results of the type
     * are then requested in text and values of {@code javaType} bind as the type. Works for any
     * type, built-in ones included (for example {@code numeric} as {@code Double}), and replaces
     * the type's codec until {@link #resetTypeCodec}.
     *
     * @param typeName the type's name, optionally schema-qualified
     * @param javaType the class the decoder returns
     * @param encoder  value to text
     * @param decoder  text to value, never null
     * @param <T>      the Java type
     * @return completes when the codec is in place
     */
    public <T> Mono<Void> setTypeCodec(String typeName, Class<T> javaType, Function<? super T, String> encoder,
            Function<String, ? extends T> decoder) {
        requireNonNull(javaType, "javaType");
        requireNonNull(encoder, "encoder");
        requireNonNull(decoder, "decoder");
        return register(typeName, (row, resolve) -> UserTypeCodecs.text(row.oid(), row.name(), javaType, encoder, decoder));
    }

    /**
     * Sets a codec for a type made of two functions over the type's binary form (its
     * {@code send}/{@code receive} representation); see {@link #setTypeCodec}.
     *
     * @param typeName the type's name, optionally schema-qualified
     * @param javaType the class the decoder returns
     * @param encoder  value to bytes
     * @param decoder  bytes to value, never null
     * @param <T>      the Java type
     * @return completes when the codec is in place
     */
    public <T> Mono<Void> setBinaryTypeCodec(String typeName, Class<T> javaType, Function<? super T, byte[]> encoder,
            Function<byte[], ? extends T> decoder) {
        requireNonNull(javaType, "javaType");
        requireNonNull(encoder, "encoder");
        requireNonNull(decoder, "decoder");
        return register(typeName, (row, resolve) -> UserTypeCodecs.binary(row.oid(), row.name(), javaType, encoder, decoder));
    }

    /**
     * Gives a type the codec of a built-in type whose wire formats it shares, for example an
     * extension's type: {@code setBuiltinTypeCodec("hstore", "hstore")} (which also makes a bound
     * {@code Map} an hstore), or {@code setBuiltinTypeCodec("my_text_like", "text")}.
     *
     * @param typeName    the type's name, optionally schema-qualified
     * @param builtinName a built-in type name ({@code "text"}, {@code "int4"}, {@code "jsonb"} ...)
     *                    or {@code "hstore"}
     * @return completes when the codec is in place
     * @throws IllegalArgumentException (at once) when no built-in codec has that name
     */
    public Mono<Void> setBuiltinTypeCodec(String typeName, String builtinName) {
        requireNonNull(builtinName, "builtinName");
        Codec<?> builtin = UserTypeCodecs.builtin(builtinName).orElseThrow(() ->
                new IllegalArgumentException("No built-in codec named '" + builtinName + "'"));
        return register(typeName, (row, resolve) -> builtinName.equals("hstore")
                ? UserTypeCodecs.hstore(row.oid(), true)
                : UserTypeCodecs.retyped(builtin, row.oid(), row.name()));
    }

    /**
     * Removes what {@link #setTypeCodec}, {@link #setBinaryTypeCodec}, {@link #setBuiltinTypeCodec},
     * {@link #registerEnum} or {@link #registerComposite} set for a type name: a built-in type gets
     * its built-in codec back, any other type is looked up again on sight. A name never
     * registered (spelled as it was registered) is ignored.
     *
     * @param typeName the name as given when registering
     * @return completes when the codec is removed; opens no connection
     */
    public Mono<Void> resetTypeCodec(String typeName) {
        requireNonNull(typeName, "typeName");
        return Mono.fromRunnable(() -> {
            Resolved r = registered.remove(typeName);
            if (r != null) {
                discovery.unregister(r.qualifiedName(), r.oids());
            }
        });
    }

    /**
     * Forgets every type learned from the server and resolves the registered names again, after DDL
     * changed types ({@code ALTER TYPE ... ADD VALUE}, a type dropped and created again). Statements
     * prepared before are re-prepared by the server's rules (a cached plan whose result type changed
     * is prepared again once). Opens one connection when types are registered.
     *
     * @return completes when the registered types are resolved again
     */
    public Mono<Void> reloadSchemaState() {
        return Mono.defer(() -> {
            discovery.reset();
            List<Map.Entry<String, Resolved>> entries;
            synchronized (registered) {
                entries = new ArrayList<>(registered.entrySet());
            }
            if (entries.isEmpty()) {
                return Mono.empty();
            }
            return withConnection(connection -> Flux.fromIterable(entries)
                    .concatMap(e -> resolve(connection, e.getKey(), e.getValue().registration()))
                    .then());
        });
    }

    private Mono<Void> register(String typeName, TypeDiscovery.Registration registration) {
        requireNonNull(typeName, "typeName");
        return withConnection(connection -> resolve(connection, typeName, registration));
    }

    private Mono<Void> withConnection(Function<PgConnection, Mono<Void>> work) {
        return Mono.usingWhen(factory.create(), work, PgConnection::close, (c, e) -> c.close(), PgConnection::close);
    }

    /** Resolves a name, looks the type and its parts up, and builds its codec under the registration. */
    private Mono<Void> resolve(PgConnection connection, String typeName, TypeDiscovery.Registration registration) {
        return Flux.from(connection.createStatement(TypeDiscovery.RESOLVE_SQL).bind(0, typeName).execute())
                .concatMap(result -> result.map((row, metadata) -> new int[] {
                    oid(row, 0), oid(row, 1), oid(row, 2), oid(row, 3)}))
                // collect, not next(): cancelling a running query would send a CancelRequest
                .collectList()
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Mono.error(new IllegalArgumentException(
                                "PostgreSQL type '" + typeName + "' does not exist (or is not on the search_path)"));
                    }
                    int[] oids = found.get(0);
                    int[] wanted = Arrays.stream(oids).filter(o -> o != 0).toArray();
                    return Flux.from(connection.createStatement(TypeDiscovery.CLOSURE_SQL)
                                    .bind(0, TypeDiscovery.oidArray(wanted)).execute())
                            .concatMap(result -> result.map((row, metadata) -> TypeDiscovery.TypeRow.of((PgRow) row)))
                            .collectList()
                            .doOnNext(rows -> learn(typeName, registration, rows, oids, wanted))
                            .then();
                });
    }

    private static int oid(io.r2dbc.spi.Row row, int index) {
        Long value = row.get(index, Long.class);
        return value == null ? 0 : value.intValue();
    }

    private void learn(String typeName, TypeDiscovery.Registration registration, List<TypeDiscovery.TypeRow> rows,
            int[] oids, int[] wanted) {
        int oid = oids[0];
        TypeDiscovery.TypeRow row = rows.stream().filter(r -> r.oid() == oid).findFirst().orElseThrow(() ->
                new IllegalArgumentException("PostgreSQL type '" + typeName + "' vanished while being registered"));
        // Check the registration against the type before it replaces anything.
        registration.build(row, discovery.codecs()::forOid);
        Resolved previous = registered.put(typeName, new Resolved(row.qualifiedName(), oids, registration));
        if (previous != null && previous.oid() != oid) {
            discovery.unregister(previous.qualifiedName(), previous.oids());
        }
        discovery.register(row.qualifiedName(), registration);
        // The type, its array, and a range's multirange and its array are built again over the new codec.
        discovery.learn(rows, wanted, Arrays.stream(wanted).boxed().collect(Collectors.toSet()));
    }

    private static void requireKind(TypeDiscovery.TypeRow row, char kind, String what, String typeName) {
        if (row.kind() != kind) {
            throw new IllegalArgumentException("PostgreSQL type '" + typeName + "' (" + row.qualifiedName()
                    + ") is not " + what + " type");
        }
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    @Override
    public String toString() {
        return "PgTypes[registered " + registered.keySet() + ", " + discovery + "]";
    }
}
