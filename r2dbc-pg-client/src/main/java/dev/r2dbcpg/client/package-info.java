/**
 * The high-level API over r2dbc-pg: rows as maps, bulk writes, CSV files through COPY.
 */
@NullMarked
package dev.r2dbcpg.client;

import org.jspecify.annotations.NullMarked;
