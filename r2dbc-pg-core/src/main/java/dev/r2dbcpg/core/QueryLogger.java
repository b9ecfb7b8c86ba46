package dev.r2dbcpg.core;

/**
 * Called once for every query a connection ran (statements, batches, transaction commands), after it
 * finished, failed or was cancelled; register with {@link PgConnection#addQueryLogger}. Called on
 * the connection's event loop (or the cancelling thread): keep it short and never block. An
 * exception it throws is logged and otherwise ignored.
 *
 * <p>Without any registered logger, the driver logs each query at DEBUG to the SLF4J logger
 * {@code dev.r2dbcpg.core.QueryLogger} (SQL, parameter count, elapsed time, rows, error; never values).
 */
@FunctionalInterface
public interface QueryLogger {

    void log(PgQueryEvent event);
}
