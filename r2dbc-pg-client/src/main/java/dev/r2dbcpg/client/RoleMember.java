package dev.r2dbcpg.client;

/**
 * A membership: {@code member} is a member of {@code role}.
 *
 * @param admin whether the member may grant the role to others ({@code WITH ADMIN OPTION})
 */
public record RoleMember(String role, String member, boolean admin) {
}
