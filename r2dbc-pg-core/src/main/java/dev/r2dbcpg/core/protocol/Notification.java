package dev.r2dbcpg.core.protocol;

/**
 * A NotificationResponse: a NOTIFY delivered to this session because it LISTENs on {@code channel}.
 *
 * @param processId backend process id of the notifying session
 * @param channel channel name
 * @param payload payload string, empty when none was given
 */
public record Notification(int processId, String channel, String payload) {
}
