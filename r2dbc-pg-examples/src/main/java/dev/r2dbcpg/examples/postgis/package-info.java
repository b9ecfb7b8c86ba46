/**
 * PostGIS {@code geometry} and {@code geography} as JTS ({@code org.locationtech.jts}) geometries,
 * through the codec API of r2dbc-pg-core: an example of a codec for an extension type, registered on a
 * connection factory at runtime. JTS is an optional dependency of this module only; the driver itself
 * does not need it.
 */
@NullMarked
package dev.r2dbcpg.examples.postgis;

import org.jspecify.annotations.NullMarked;
