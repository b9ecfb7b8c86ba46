package dev.r2dbcpg.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.core.PgStatement;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * PostGIS geometries through the driver with {@link WkbGeometryCodec}, against the system's PostgreSQL 15
 * with Debian's {@code postgresql-15-postgis-3} ({@link PostgisServer}); skipped, saying why, where either
 * is missing.
 */
class PostgisCodecsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Why PostGIS cannot be tested here; null when it can. */
    private static @Nullable String unavailable;
    private static @Nullable PgConnection connection;

    @BeforeAll
    static void startPostgis() {
        unavailable = PostgisServer.unavailable().orElse(null);
        if (unavailable != null) {
            return;
        }
        PgConnectionFactory factory = PostgisServer.factory();
        StepVerifier.create(PostgisCodecs.register(factory)).expectComplete().verify(TIMEOUT);
        connection = factory.create().block(TIMEOUT);
    }

    /** Skips each test with the reason, so that every skipped test reports it. */
    @BeforeEach
    void requirePostgis() {
        assumeTrue(unavailable == null, () -> unavailable);
    }

    @AfterAll
    static void closeConnection() {
        if (connection != null) {
            StepVerifier.create(connection.close()).expectComplete().verify(TIMEOUT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POINT(2.3522 48.8566)",
        "POINT Z (2.3522 48.8566 35)",
        "LINESTRING(2.35 48.85, 4.83 45.76, 5.37 43.29)",
        "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))",
        "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 7 5, 7 7, 5 7, 5 5)))",
        "GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))",
        "POLYGON EMPTY",
    })
    void roundTripsAGeometryWithItsSridInBothFormats(String wkt) throws Exception {
        Geometry sent = wgs84(wkt);
        String ewkt = "SRID=4326;" + wkt;

        // the server reads our EWKB as the geometry we meant...
        StepVerifier.create(one(connection.createStatement("SELECT ST_AsEWKT($1) = ST_AsEWKT($2::geometry)")
                        .bind(0, sent).bind(1, ewkt), row -> row.get(0, Boolean.class)))
                .expectNext(true).expectComplete().verify(TIMEOUT);
        // ...and sends it back in binary (bound parameter) and in text (simple query) as the same geometry
        StepVerifier.create(one(connection.createStatement("SELECT $1").bind(0, sent), row -> row.get(0, Geometry.class)))
                .assertNext(g -> assertSameGeometry(g, sent)).expectComplete().verify(TIMEOUT);
        // (a second, empty statement sends the string through the simple protocol, whose results are text)
        StepVerifier.create(one(connection.createStatement("SELECT '" + ewkt + "'::geometry; SELECT 1 WHERE false"),
                        row -> row.get(0, Geometry.class)))
                .assertNext(g -> assertSameGeometry(g, sent)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void readsAndBindsNullGeometries() {
        StepVerifier.create(one(connection.createStatement("SELECT $1 IS NULL, $1").bindNull(0, Point.class),
                        row -> row.get(0, Boolean.class) + " " + Optional.ofNullable(row.get(1, Geometry.class))))
                .expectNext("true Optional.empty").expectComplete().verify(TIMEOUT);
        StepVerifier.create(one(connection.createStatement("SELECT NULL::geometry"),
                        row -> Optional.ofNullable(row.get(0, Geometry.class))))
                .expectNext(Optional.empty()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void bindsAndReadsArraysOfGeometriesWithNullElements() throws Exception {
        Geometry[] sent = {wgs84("POINT(1 2)"), null, wgs84("POLYGON((0 0, 1 0, 1 1, 0 0))")};

        StepVerifier.create(one(connection.createStatement("SELECT $1, pg_typeof($1)::text, ST_SRID(($1)[3])")
                                .bind(0, sent),
                        row -> List.of(row.get(0), row.get(1, String.class), row.get(2, Integer.class))))
                .assertNext(values -> {
                    assertThat(values.get(0)).isInstanceOf(Geometry[].class);
                    Geometry[] got = (Geometry[]) values.get(0);
                    assertThat(got).hasSize(3);
                    assertSameGeometry(got[0], sent[0]);
                    assertThat((Object) got[1]).isNull();
                    assertSameGeometry(got[2], sent[2]);
                    assertThat(values.subList(1, 3)).containsExactly("geometry[]", 4326);
                })
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(one(connection.createStatement(
                        "SELECT ARRAY['SRID=4326;POINT(1 2)'::geometry, 'SRID=4326;POINT(3 4)']; SELECT 1 WHERE false"),
                        row -> Arrays.toString(row.get(0, Point[].class))))
                .expectNext("[POINT (1 2), POINT (3 4)]").expectComplete().verify(TIMEOUT);
    }

    @Test
    void answersSpatialQueriesOverBoundGeometries() throws Exception {
        Polygon box = (Polygon) wgs84("POLYGON((1.45 48.12, 3.56 48.12, 3.56 49.24, 1.45 49.24, 1.45 48.12))");
        Flux<String> inside = run("CREATE TEMP TABLE city (name text PRIMARY KEY, geom geometry(Point, 4326))")
                .thenMany(Flux.just("Paris POINT(2.3522 48.8566)", "Versailles POINT(2.1301 48.8049)",
                                "Lyon POINT(4.8357 45.7640)")
                        .concatMap(city -> rowsUpdated(connection.createStatement("INSERT INTO city VALUES ($1, $2)")
                                .bind(0, city.substring(0, city.indexOf(' ')))
                                .bind(1, wgs84Unchecked(city.substring(city.indexOf(' ') + 1))))))
                .thenMany(Flux.from(connection.createStatement(
                                "SELECT name FROM city WHERE ST_Contains($1, geom) ORDER BY name").bind(0, box).execute())
                        .flatMap(r -> r.map(row -> row.get(0, String.class))));

        StepVerifier.create(inside).expectNext("Paris", "Versailles").expectComplete().verify(TIMEOUT);
        StepVerifier.create(one(connection.createStatement(
                                "SELECT round(ST_Distance(a.geom::geography, b.geom::geography))::int,"
                                        + " ST_MakeLine(a.geom, b.geom) FROM city a, city b WHERE a.name = $1 AND b.name = $2")
                                .bind(0, "Paris").bind(1, "Lyon"),
                        row -> List.of(row.get(0, Integer.class), row.get(1, Geometry.class))))
                .assertNext(values -> {
                    assertThat((Integer) values.get(0)).isBetween(390_000, 395_000);
                    assertSameGeometry((Geometry) values.get(1), wgs84Unchecked("LINESTRING(2.3522 48.8566, 4.8357 45.764)"));
                })
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(run("DROP TABLE city")).expectComplete().verify(TIMEOUT);
    }

    @Test
    void readsGeographyAndStoresBoundGeometryInAGeographyColumn() throws Exception {
        StepVerifier.create(run("CREATE TEMP TABLE place (id int, g geography)")
                        .then(rowsUpdated(connection.createStatement("INSERT INTO place VALUES (1, $1)")
                                .bind(0, wgs84("POINT(2 48)"))).then())
                        .thenMany(Flux.from(connection.createStatement("SELECT g FROM place").fetchSize(10).execute())
                                .flatMap(r -> r.map(row -> row.get(0, Point.class))))
                        .concatWith(Flux.from(connection.createStatement("SELECT g FROM place").execute())
                                .flatMap(r -> r.map(row -> row.get(0, Point.class))))
                        .concatWith(run("DROP TABLE place").then(Mono.<Point>empty())))
                .assertNext(p -> assertSameGeometry(p, wgs84Unchecked("POINT(2 48)")))
                .assertNext(p -> assertSameGeometry(p, wgs84Unchecked("POINT(2 48)")))
                .expectComplete().verify(TIMEOUT);
    }

    private static void assertSameGeometry(Geometry actual, Geometry expected) {
        assertThat(actual.equalsExact(expected)).as("%s equals %s", actual, expected).isTrue();
        assertThat(actual.getSRID()).isEqualTo(expected.getSRID());
    }

    private static Geometry wgs84(String wkt) throws Exception {
        Geometry g = new WKTReader().read(wkt);
        g.setSRID(4326);
        return g;
    }

    private static Geometry wgs84Unchecked(String wkt) {
        try {
            return wgs84(wkt);
        } catch (Exception e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }

    private static <T> Mono<T> one(PgStatement statement, Function<Readable, T> mapper) {
        return Flux.from(statement.execute()).flatMap(r -> r.map(mapper)).single();
    }

    private static Mono<Long> rowsUpdated(PgStatement statement) {
        return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
    }

    private static Mono<Void> run(String sql) {
        return rowsUpdated(connection.createStatement(sql)).then();
    }
}
