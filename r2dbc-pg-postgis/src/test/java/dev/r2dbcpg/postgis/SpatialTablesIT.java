package dev.r2dbcpg.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.r2dbcpg.core.CopyOptions;
import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.postgis.SpatialTables.GeometryColumn;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link SpatialTables} and geometries written through binary COPY, against the system's PostgreSQL 15
 * with PostGIS ({@link PostgisServer}); skipped, saying why, where either is missing.
 */
class SpatialTablesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private static @Nullable String unavailable;
    private static @Nullable PgConnectionFactory factory;
    private static @Nullable PgConnection connection;

    @BeforeAll
    static void startPostgis() {
        unavailable = PostgisServer.unavailable().orElse(null);
        if (unavailable != null) {
            return;
        }
        factory = PostgisServer.factory();
        StepVerifier.create(PostgisCodecs.register(factory)).expectComplete().verify(TIMEOUT);
        connection = factory.create().block(TIMEOUT);
        PostgisServer.server().execute("DROP SCHEMA IF EXISTS \"Spatial Tables\" CASCADE",
                "CREATE SCHEMA \"Spatial Tables\"",
                "CREATE TABLE \"Spatial Tables\".\"Place\" (id int PRIMARY KEY, \"Where\" geometry(Point, 4326),"
                        + " area geometry(MultiPolygon, 3857), g geography(Point), zs geometry(PointZ, 4326), anything geometry)");
    }

    @BeforeEach
    void requirePostgis() {
        assumeTrue(unavailable == null, () -> unavailable);
    }

    @AfterAll
    static void dropSchema() {
        if (connection != null) {
            StepVerifier.create(connection.close()).expectComplete().verify(TIMEOUT);
            PostgisServer.server().execute("DROP SCHEMA \"Spatial Tables\" CASCADE");
        }
    }

    @Test
    void listsGeometryAndGeographyColumnsWithTypeSridAndDimensions() {
        StepVerifier.create(SpatialTables.of(factory).listGeometryColumns()
                        .filter(c -> c.schema().equals("Spatial Tables")).collectList())
                .assertNext(columns -> assertThat(columns).containsExactly(
                        new GeometryColumn("Spatial Tables", "Place", "Where", "POINT", 4326, 2, false),
                        new GeometryColumn("Spatial Tables", "Place", "anything", "GEOMETRY", 0, 2, false),
                        new GeometryColumn("Spatial Tables", "Place", "area", "MULTIPOLYGON", 3857, 2, false),
                        new GeometryColumn("Spatial Tables", "Place", "g", "Point", 4326, 2, true),
                        new GeometryColumn("Spatial Tables", "Place", "zs", "POINT", 4326, 3, false)))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void createsGistIndexesOnQuotedNamesOnTheCallersConnection() {
        SpatialTables spatial = SpatialTables.of(connection);

        StepVerifier.create(spatial.createSpatialIndex("\"Spatial Tables\".\"Place\"", "Where")
                        .then(spatial.createSpatialIndex("\"Spatial Tables\".\"Place\"", "g", "place_g_gist"))
                        .then(spatial.createSpatialIndex("\"Spatial Tables\".\"Place\"", "g", "place_g_gist"))
                        .thenMany(Flux.from(connection.createStatement("SELECT indexname::text, indexdef FROM pg_indexes"
                                        + " WHERE schemaname = 'Spatial Tables' AND indexdef LIKE '%USING gist%'"
                                        + " ORDER BY indexname").execute())
                                .flatMap(r -> r.map(row -> row.get(0, String.class) + ": " + row.get(1, String.class))))
                        .collectList())
                .assertNext(indexes -> assertThat(indexes).containsExactly(
                        "Place_Where_idx: CREATE INDEX \"Place_Where_idx\" ON \"Spatial Tables\".\"Place\" USING gist (\"Where\")",
                        "place_g_gist: CREATE INDEX place_g_gist ON \"Spatial Tables\".\"Place\" USING gist (g)"))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(spatial.createSpatialIndex("\"Spatial Tables\".\"Place\"", "id"))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("operator class"))
                .verify(TIMEOUT);
        // the caller's connection is still open and usable
        StepVerifier.create(Flux.from(connection.createStatement("SELECT 1").execute()).flatMap(r -> r.map(row -> row.get(0))))
                .expectNext(1).expectComplete().verify(TIMEOUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"place; DROP TABLE x", "place (id)", "\"unterminated", "a.b.c.d", "place--", ""})
    void refusesTableNamesThatAreNotNamesBeforeSendingAnything(String table) {
        SpatialTables spatial = SpatialTables.of(factory);

        assertThatThrownBy(() -> spatial.createSpatialIndex(table, "geom"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table name");
        assertThatThrownBy(() -> spatial.createSpatialIndex("place", table.isEmpty() ? "" : "geom) WITH (x=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column name");
        assertThatThrownBy(() -> spatial.createSpatialIndex("place", "geom", "s.idx"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index name");
    }

    @Test
    void binaryCopyWritesGeometryGeographyAndArraysThroughTheColumnsCodecs() {
        Point paris = point(2.3522, 48.8566);
        Point lyon = point(4.8357, 45.7640);
        Point z = WGS84.createPoint(new Coordinate(1, 2, 3));
        String read = "SELECT id, ST_AsEWKT(p), ST_AsEWKT(g), ST_AsEWKT(z), array_length(ps, 1), ST_AsEWKT(ps[2]) FROM copied ORDER BY id";

        Flux<String> copied = run("CREATE TEMP TABLE copied (id int, p geometry(Point, 4326), g geography(Point, 4326),"
                + " z geometry(PointZ, 4326), ps geometry[])")
                .then(connection.copyInRows("copied", Flux.just(
                        new Object[] {1, paris, lyon, z, new Geometry[] {paris, lyon}},
                        new Object[] {2, null, null, null, new Point[] {paris, null}}), CopyOptions.builder().build()))
                .doOnNext(rows -> assertThat(rows).isEqualTo(2))
                .thenMany(Flux.from(connection.createStatement(read).execute()).flatMap(r -> r.map(row ->
                        row.get(0) + " " + row.get(1) + " " + row.get(2) + " " + row.get(3) + " " + row.get(4) + " " + row.get(5))))
                .concatWith(run("DROP TABLE copied").then(Mono.empty()));

        StepVerifier.create(copied)
                .expectNext("1 SRID=4326;POINT(2.3522 48.8566) SRID=4326;POINT(4.8357 45.764) SRID=4326;POINT(1 2 3) 2"
                        + " SRID=4326;POINT(4.8357 45.764)")
                .expectNext("2 null null null 2 null")
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void binaryCopyReadsGeometriesBackAsJts() {
        Point paris = point(2.3522, 48.8566);

        StepVerifier.create(connection.copyOutRows("SELECT $$SRID=4326;POINT(2.3522 48.8566)$$::geometry,"
                                + " $$SRID=4326;POINT(2.3522 48.8566)$$::geography, NULL::geometry",
                        (row, meta) -> List.of(row.get(0, Point.class), row.get(1, Point.class),
                                String.valueOf(row.get(2, Geometry.class)))))
                .assertNext(values -> {
                    assertThat(((Point) values.get(0)).equalsExact(paris)).isTrue();
                    assertThat(((Point) values.get(1)).getSRID()).isEqualTo(4326);
                    assertThat(values.get(2)).isEqualTo("null");
                })
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void saysWhenTheDatabaseHasNoPostgis() {
        String database = "r2dbcpg_no_postgis";
        PostgisServer.server().execute("DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database);
        try {
            PgConnectionFactory plain = PostgisServer.factory(database);
            StepVerifier.create(SpatialTables.of(plain).listGeometryColumns())
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                            .hasMessage("PostGIS is not installed in this database: run CREATE EXTENSION postgis"))
                    .verify(TIMEOUT);
            StepVerifier.create(PostgisCodecs.register(plain))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("CREATE EXTENSION postgis"))
                    .verify(TIMEOUT);
        } finally {
            PostgisServer.server().execute("DROP DATABASE " + database + " WITH (FORCE)");
        }
    }

    private static Point point(double x, double y) {
        return WGS84.createPoint(new Coordinate(x, y));
    }

    private static Mono<Void> run(String sql) {
        return Flux.from(connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).then();
    }
}
