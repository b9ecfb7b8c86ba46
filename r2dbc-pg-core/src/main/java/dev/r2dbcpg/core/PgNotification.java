package dev.r2dbcpg.core;

/**
 * A NOTIFY received on a channel this connection LISTENs on.
 *
 * @param channel the channel name, exactly as given to NOTIFY (case-sensitive)
 * @param payload the payload, empty when none was given
 * @param processId the backend process id of the notifying session
 */
public record PgNotification(String channel, String payload, int processId) implements PgListenSignal {
}
