package dev.r2dbcpg.core;

import java.time.Instant;

/**
 * The listening connection was lost and a new one LISTENs again: notifications sent between
 * {@code lostAt} and {@code resumedAt} may have been missed. Delivered after the new LISTEN took
 * effect, so every notification after this signal is received.
 *
 * @param cause why the old connection ended
 * @param lostAt when the loss was noticed
 * @param resumedAt when the new LISTEN took effect
 */
public record PgListenGap(Throwable cause, Instant lostAt, Instant resumedAt) implements PgListenSignal {
}
