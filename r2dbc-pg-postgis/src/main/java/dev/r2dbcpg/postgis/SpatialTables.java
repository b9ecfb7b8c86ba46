package dev.r2dbcpg.postgis;

import dev.r2dbcpg.core.Identifiers;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The spatial side of a database with PostGIS: GiST indexes on geometry and geography columns, and the
 * catalog of those columns ({@code geometry_columns} and {@code geography_columns}). pycopg's
 * {@code create_spatial_index} and {@code list_geometry_columns}.
 *
 * <p>Works on any R2DBC connection or connection factory (a pool too). On a factory, each call opens
 * one connection and closes it when done; on a connection, the caller keeps it open. Table and column
 * names go through {@link Identifiers}: a plain name is quoted (its case kept), a quoted identifier is
 * used as given, and anything else is refused with {@link IllegalArgumentException} at the call.
 * Instances are immutable and thread-safe.
 */
public final class SpatialTables {

    /** The schema of the {@code postgis} extension: its catalog views live there, on the search path or not. */
    static final String EXTENSION_SCHEMA_QUERY = "SELECT n.nspname::text FROM pg_extension e"
            + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'";

    private final Scope scope;

    private SpatialTables(Scope scope) {
        this.scope = scope;
    }

    /** Each call opens one connection of {@code factory} and closes it at the end. */
    public static SpatialTables of(ConnectionFactory factory) {
        Objects.requireNonNull(factory, "factory");
        return new SpatialTables(new Scope() {
            @Override
            public <T> Flux<T> with(Function<Connection, Publisher<T>> work) {
                return Flux.usingWhen(factory.create(), work, Connection::close);
            }
        });
    }

    /** Each call runs on {@code connection}, which stays open. */
    public static SpatialTables of(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return new SpatialTables(new Scope() {
            @Override
            public <T> Flux<T> with(Function<Connection, Publisher<T>> work) {
                return Flux.defer(() -> work.apply(connection));
            }
        });
    }

    /**
     * {@code CREATE INDEX ON table USING gist (column)}: the spatial index that {@code ST_Intersects},
     * {@code ST_DWithin}, {@code &&} and {@code <->} use. PostgreSQL names it ({@code table_column_idx}).
     *
     * @param table the table, optionally schema-qualified ({@code gis.place})
     * @param column the geometry or geography column
     * @return completes once the index exists; fails with the server's error (a column that is not
     *     spatial has no default GiST operator class)
     * @throws IllegalArgumentException for a table or column that is not a name
     */
    public Mono<Void> createSpatialIndex(String table, String column) {
        String sql = "CREATE INDEX ON " + Identifiers.qualifiedName(table, "table") + " USING gist ("
                + Identifiers.name(column, "column") + ")";
        return run(sql);
    }

    /**
     * {@code CREATE INDEX IF NOT EXISTS name ON table USING gist (column)}: as
     * {@link #createSpatialIndex(String, String)} with a name of the caller's, and nothing done when an
     * index (or another relation) of that name already exists in the table's schema.
     *
     * @param name the index name (unqualified: an index lives in its table's schema)
     * @throws IllegalArgumentException for a table, column or index that is not a name
     */
    public Mono<Void> createSpatialIndex(String table, String column, String name) {
        String sql = "CREATE INDEX IF NOT EXISTS " + Identifiers.name(name, "index") + " ON "
                + Identifiers.qualifiedName(table, "table") + " USING gist (" + Identifiers.name(column, "column") + ")";
        return run(sql);
    }

    /**
     * Every geometry and geography column of the database that the user can see, ordered by schema,
     * table and column, from PostGIS's {@code geometry_columns} and {@code geography_columns} views.
     *
     * @return the columns; fails with {@link IllegalStateException} when the database has no
     *     {@code postgis} extension
     */
    public Flux<GeometryColumn> listGeometryColumns() {
        return scope.with(connection -> Flux.from(connection.createStatement(EXTENSION_SCHEMA_QUERY).execute())
                .flatMap(result -> result.map(row -> row.get(0, String.class)))
                .next()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "PostGIS is not installed in this database: run CREATE EXTENSION postgis")))
                .flatMapMany(schema -> Flux.from(connection.createStatement(columnsQuery(schema)).execute()))
                .flatMap(result -> result.map(SpatialTables::column)));
    }

    static String columnsQuery(String extensionSchema) {
        String schema = Identifiers.quote(extensionSchema);
        return "SELECT f_table_schema::text, f_table_name::text, f_geometry_column::text, type::text, srid,"
                + " coord_dimension, false FROM " + schema + ".geometry_columns"
                + " UNION ALL SELECT f_table_schema::text, f_table_name::text, f_geography_column::text, type::text,"
                + " srid, coord_dimension, true FROM " + schema + ".geography_columns ORDER BY 1, 2, 3";
    }

    private static GeometryColumn column(Readable row) {
        return new GeometryColumn(row.get(0, String.class), row.get(1, String.class), row.get(2, String.class),
                row.get(3, String.class), orZero(row.get(4, Integer.class)), orZero(row.get(5, Integer.class)),
                Boolean.TRUE.equals(row.get(6, Boolean.class)));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private Mono<Void> run(String sql) {
        return scope.with(connection -> Flux.from(connection.createStatement(sql).execute())
                .flatMap(Result::getRowsUpdated)).then();
    }

    /** Where a call runs: a connection of its own, or the caller's. */
    private interface Scope {
        <T> Flux<T> with(Function<Connection, Publisher<T>> work);
    }

    /**
     * One spatial column, as PostGIS's catalog views describe it.
     *
     * @param schema the table's schema
     * @param table the table (or view, or materialized view)
     * @param column the column
     * @param type the geometry type of the column's type modifier ({@code POINT}, {@code MULTIPOLYGON} ...;
     *     {@code GEOMETRY} when it has none; for geography, PostGIS writes it in mixed case, {@code Point})
     * @param srid the SRID of the type modifier, 0 when it has none
     * @param dimensions the coordinate dimension (2, 3 or 4)
     * @param geography true for a {@code geography} column, false for {@code geometry}
     */
    public record GeometryColumn(String schema, String table, String column, String type, int srid, int dimensions,
            boolean geography) {
    }
}
