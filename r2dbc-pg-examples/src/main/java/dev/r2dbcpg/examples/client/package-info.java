/** An end-to-end tour of {@code PgDatabase}, the high-level API of {@code r2dbc-pg-client}. */
@NullMarked
package dev.r2dbcpg.examples.client;

import org.jspecify.annotations.NullMarked;
