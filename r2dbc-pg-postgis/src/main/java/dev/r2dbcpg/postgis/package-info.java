/**
 * PostGIS for r2dbc-pg: {@code geometry} and {@code geography} read and written as JTS
 * ({@code org.locationtech.jts}) geometries in binary EWKB with their SRID ({@link
 * dev.r2dbcpg.postgis.WkbGeometryCodec}), registered on a connection factory once its database has the
 * extension ({@link dev.r2dbcpg.postgis.PostgisCodecs}), and the spatial catalog and indexes
 * ({@link dev.r2dbcpg.postgis.SpatialTables}). See {@code docs/postgis.md}.
 */
@NullMarked
package dev.r2dbcpg.postgis;

import org.jspecify.annotations.NullMarked;
