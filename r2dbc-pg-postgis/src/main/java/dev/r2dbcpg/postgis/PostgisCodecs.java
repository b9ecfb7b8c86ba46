package dev.r2dbcpg.postgis;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.core.codec.CodecRegistry;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registers the PostGIS codecs ({@link WkbGeometryCodec}) on a connection factory, after looking up the
 * OIDs that {@code CREATE EXTENSION postgis} gave its types in the factory's database.
 *
 * <pre>{@code
 * PgConnectionFactory factory = PgConnectionFactory.create(configuration);
 * PostgisCodecs.register(factory).block();
 * // every connection of the factory now reads geometry columns as JTS Geometry,
 * // binds Geometry and Geometry[] values, and reads geometry[] columns as Geometry[]
 * }</pre>
 */
public final class PostgisCodecs {

    /** The PostGIS types in the schema of the {@code postgis} extension, with their array types. */
    static final String TYPES_QUERY = "SELECT t.typname::text AS name, t.oid::int4 AS oid, t.typarray::int4 AS array_oid"
            + " FROM pg_type t JOIN pg_extension e ON e.extnamespace = t.typnamespace"
            + " WHERE e.extname = 'postgis' AND t.typname IN ('geometry', 'geography') ORDER BY t.typname";

    private PostgisCodecs() {
    }

    /**
     * Opens one connection of {@code factory}, looks up {@code geometry}, {@code geography} and their
     * array types, registers a codec for each on {@link PgConnectionFactory#codecs()} and closes the
     * connection. Connections opened afterwards, and those already open, then decode and encode JTS
     * geometries. Type OIDs are per database: register on each factory, and again after the extension
     * is dropped and created anew.
     *
     * @param factory the factory whose connections should know the PostGIS types
     * @return completes once the codecs are registered; fails with {@link IllegalStateException} when
     *     the database has no {@code postgis} extension
     */
    public static Mono<Void> register(PgConnectionFactory factory) {
        return Mono.usingWhen(factory.create(), PostgisCodecs::lookUp, PgConnection::close)
                .doOnNext(types -> register(factory.codecs(), types))
                .then();
    }

    /** A PostGIS type's name, OID and array type OID in one database. */
    record PostgisType(String name, int oid, int arrayOid) {
    }

    private static Mono<List<PostgisType>> lookUp(PgConnection connection) {
        return Flux.from(connection.createStatement(TYPES_QUERY).execute())
                .flatMap(result -> result.map((row, meta) -> new PostgisType(row.get("name", String.class),
                        row.get("oid", Integer.class), row.get("array_oid", Integer.class))))
                .collectList()
                .filter(types -> types.stream().anyMatch(t -> t.name().equals("geometry")))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "PostGIS is not installed in this database: run CREATE EXTENSION postgis")));
    }

    /** Registers the codec of each type and of its array type. */
    static void register(CodecRegistry codecs, List<PostgisType> types) {
        for (PostgisType type : types) {
            WkbGeometryCodec codec = type.name().equals("geometry")
                    ? WkbGeometryCodec.geometry(type.oid())
                    : WkbGeometryCodec.geography(type.oid());
            codecs.register(codec);
            codecs.register(new ColonDelimitedArrayCodec(codec, type.arrayOid()));
        }
    }
}
