package dev.r2dbcpg.testing;

/**
 * A user name and its password.
 *
 * @param user the role name
 * @param password the password (test fixtures only; never a real secret)
 */
public record Credentials(String user, String password) {
    @Override
    public String toString() {
        return "Credentials[user=" + user + "]";
    }
}
