/**
 * Tabular data as Apache Arrow ({@code org.apache.arrow:arrow-vector}, an optional dependency): tables and
 * queries read into {@code VectorSchemaRoot} batches and written back, through binary COPY
 * ({@link dev.r2dbcpg.client.arrow.PgArrow}). See {@code docs/client-data.md}.
 */
@NullMarked
package dev.r2dbcpg.client.arrow;

import org.jspecify.annotations.NullMarked;
