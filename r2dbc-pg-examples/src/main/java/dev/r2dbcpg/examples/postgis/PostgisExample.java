package dev.r2dbcpg.examples.postgis;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.core.config.ConnectionStrings;
import dev.r2dbcpg.postgis.PostgisCodecs;
import dev.r2dbcpg.postgis.SpatialTables;
import dev.r2dbcpg.testing.PostgresFixture;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * PostGIS through r2dbc-pg with JTS geometries (module {@code r2dbc-pg-postgis}): create the extension,
 * register the codecs on the connection factory, store points and a polygon with bound JTS values, index
 * them, and ask {@code ST_Contains} and {@code ST_Distance} about them.
 *
 * <p>Run with no argument to start PostgreSQL 15 from the system's binaries (Debian:
 * {@code apt-get install postgresql-15-postgis-3}), or pass the URL of a server where PostGIS is
 * available, as {@code r2dbc:postgresql://...} or {@code postgresql://...}; the user must be allowed to
 * {@code CREATE EXTENSION postgis} (or it must exist already). See {@code docs/postgis.md}.
 */
public final class PostgisExample {

    /** WGS 84: longitude and latitude in degrees. */
    private static final int WGS84 = 4326;
    private static final GeometryFactory GEOMETRIES = new GeometryFactory(new PrecisionModel(), WGS84);

    private PostgisExample() {
    }

    public static void main(String[] args) {
        String url;
        if (args.length > 0 && !args[0].isBlank()) {
            url = args[0];
        } else {
            Optional<String> missing = PostgresFixture.systemUnavailable(15);
            if (missing.isPresent()) {
                System.err.println(missing.get() + "; or pass the URL of a server with PostGIS.");
                System.exit(2);
            }
            url = PostgresFixture.system(15).r2dbcUrl();
        }
        PgConnectionFactory factory = url.startsWith("r2dbc:")
                ? (PgConnectionFactory) ConnectionFactories.get(url)
                : PgConnectionFactory.create(ConnectionStrings.parse(url).build());

        Mono.usingWhen(factory.create(), c -> run(c, "CREATE EXTENSION IF NOT EXISTS postgis"), PgConnection::close)
                .then(PostgisCodecs.register(factory))
                .then(Mono.usingWhen(factory.create(), PostgisExample::tour, PgConnection::close))
                .block(Duration.ofMinutes(2));
        System.out.println("Done.");
    }

    private static Mono<Void> tour(PgConnection c) {
        Polygon ileDeFrance = box(1.45, 48.12, 3.56, 49.24);
        Point notreDame = point(2.3499, 48.8530);
        return step("Create a table with a geometry column",
                run(c, "DROP TABLE IF EXISTS postgis_place; CREATE TABLE postgis_place ("
                        + "name text PRIMARY KEY, geom geometry(Geometry, 4326) NOT NULL)"))
                .then(step("Insert JTS points and a polygon with bound parameters", Flux.just(
                                new Object[] {"Paris", point(2.3522, 48.8566)},
                                new Object[] {"Lyon", point(4.8357, 45.7640)},
                                new Object[] {"Marseille", point(5.3698, 43.2965)},
                                new Object[] {"Brussels", point(4.3517, 50.8503)},
                                new Object[] {"Ile-de-France (box)", ileDeFrance})
                        .concatMap(place -> Flux.from(c.createStatement("INSERT INTO postgis_place VALUES ($1, $2)")
                                .bind(0, place[0]).bind(1, place[1]).execute()).flatMap(Result::getRowsUpdated))
                        .reduce(0L, Long::sum)
                        .doOnNext(n -> System.out.println("  inserted " + n + " rows"))
                        .then()))
                .then(step("Add a spatial (GiST) index and list the geometry columns",
                        SpatialTables.of(c).createSpatialIndex("postgis_place", "geom")
                                .thenMany(SpatialTables.of(c).listGeometryColumns())
                                .filter(column -> column.table().equals("postgis_place"))
                                .doOnNext(column -> System.out.println("  " + column))
                                .then()))
                .then(step("Read a geometry back as JTS", Flux.from(
                                c.createStatement("SELECT geom FROM postgis_place WHERE name = $1").bind(0, "Paris")
                                        .execute())
                        .flatMap(r -> r.map((row, meta) -> row.get(0, Point.class)))
                        .doOnNext(p -> System.out.println("  Paris: " + p + " (SRID " + p.getSRID() + ")"))
                        .then()))
                .then(step("ST_Contains: which places lie inside a bound polygon", Flux.from(
                                c.createStatement("SELECT name FROM postgis_place"
                                        + " WHERE ST_Contains($1, geom) AND name <> 'Ile-de-France (box)' ORDER BY name")
                                        .bind(0, ileDeFrance).execute())
                        .flatMap(r -> r.map((row, meta) -> row.get(0, String.class)))
                        .doOnNext(name -> System.out.println("  inside the box: " + name))
                        .then()))
                .then(step("ST_Distance on the spheroid (geography), nearest first", Flux.from(
                                c.createStatement("SELECT name, ST_Distance(geom::geography, $1::geography) AS metres"
                                        + " FROM postgis_place WHERE GeometryType(geom) = 'POINT' ORDER BY geom <-> $1")
                                        .bind(0, notreDame).execute())
                        .flatMap(r -> r.map((row, meta) -> String.format("  %-10s %8.1f km from Notre-Dame",
                                row.get("name", String.class), row.get("metres", Double.class) / 1000)))
                        .doOnNext(System.out::println)
                        .then()))
                .then(step("Geometry computed by the server", Flux.from(c.createStatement(
                                "SELECT ST_Centroid(ST_Collect(geom)) FROM postgis_place WHERE GeometryType(geom) = 'POINT'")
                                .execute())
                        .flatMap(r -> r.map((row, meta) -> row.get(0, Geometry.class)))
                        .doOnNext(g -> System.out.println("  centroid of the cities: " + g))
                        .then()))
                .then(run(c, "DROP TABLE postgis_place"));
    }

    private static Point point(double longitude, double latitude) {
        return GEOMETRIES.createPoint(new Coordinate(longitude, latitude));
    }

    private static Polygon box(double west, double south, double east, double north) {
        return GEOMETRIES.createPolygon(new Coordinate[] {new Coordinate(west, south), new Coordinate(east, south),
                new Coordinate(east, north), new Coordinate(west, north), new Coordinate(west, south)});
    }

    private static Mono<Void> run(PgConnection c, String sql) {
        return Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).then();
    }

    private static Mono<Void> step(String title, Mono<Void> body) {
        return Mono.fromRunnable(() -> System.out.println("== " + title)).then(body);
    }
}
