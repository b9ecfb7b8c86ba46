package dev.r2dbcpg.client;

import org.jspecify.annotations.Nullable;

/**
 * A privilege granted explicitly to a role on an object (from the object's access control list).
 *
 * @param on the kind of object
 * @param schema the object's schema for tables and sequences, {@code null} for schemas and databases
 * @param object the object's name as stored
 * @param privilege the privilege (never {@link Privilege#ALL}: the list names each one)
 * @param grantable whether it was granted {@code WITH GRANT OPTION}
 */
public record RoleGrant(GrantTarget on, @Nullable String schema, String object, Privilege privilege,
        boolean grantable) {
}
