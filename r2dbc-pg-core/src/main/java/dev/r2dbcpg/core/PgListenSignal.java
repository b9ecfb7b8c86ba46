package dev.r2dbcpg.core;

/**
 * What a {@link PgListener} delivers: a {@link PgNotification}, or a {@link PgListenGap} saying the
 * connection was lost and re-established, so notifications sent in between may be missing.
 */
public sealed interface PgListenSignal permits PgNotification, PgListenGap {
}
