package dev.r2dbcpg.client;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A role, from {@code pg_roles} (readable by every user; passwords are not).
 *
 * @param connectionLimit {@code -1} for no limit
 * @param validUntil when the password stops being valid, or {@code null} for never
 */
public record RoleInfo(String name, boolean superuser, boolean login, boolean createDb, boolean createRole,
        boolean inherit, int connectionLimit, @Nullable OffsetDateTime validUntil) {
}
