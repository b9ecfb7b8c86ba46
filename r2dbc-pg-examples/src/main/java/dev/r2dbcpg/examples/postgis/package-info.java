/**
 * PostGIS through r2dbc-pg with JTS ({@code org.locationtech.jts}) geometries: a runnable tour of the
 * {@code r2dbc-pg-postgis} module (codecs registered on a connection factory at runtime, bound and read
 * geometries, a spatial index, spatial queries).
 */
@NullMarked
package dev.r2dbcpg.examples.postgis;

import org.jspecify.annotations.NullMarked;
