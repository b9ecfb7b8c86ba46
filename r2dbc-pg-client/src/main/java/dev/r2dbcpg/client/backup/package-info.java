/**
 * pg_dump and pg_restore (and psql for plain dumps) run as child processes off the event loop
 * ({@link dev.r2dbcpg.client.backup.PgBackup}). See {@code docs/client-data.md}.
 */
@NullMarked
package dev.r2dbcpg.client.backup;

import org.jspecify.annotations.NullMarked;
