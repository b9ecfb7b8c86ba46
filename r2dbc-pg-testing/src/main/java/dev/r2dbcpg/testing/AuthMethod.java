package dev.r2dbcpg.testing;

/**
 * The password authentication methods the fixture configures, each for a user of its own, over both
 * {@code host} (TLS or not) connections.
 */
public enum AuthMethod {
    /** No password asked ({@code trust}). */
    TRUST("r2dbcpg_trust", "trust"),
    /** Cleartext password ({@code password}). */
    PASSWORD("r2dbcpg_password", "password"),
    /** MD5 challenge ({@code md5}); the role's password is stored as an MD5 hash. */
    MD5("r2dbcpg_md5", "md5"),
    /** SCRAM-SHA-256 ({@code scram-sha-256}); SCRAM-SHA-256-PLUS over TLS. */
    SCRAM_SHA_256("r2dbcpg_scram", "scram-sha-256");

    private final String user;
    private final String hbaMethod;

    AuthMethod(String user, String hbaMethod) {
        this.user = user;
        this.hbaMethod = hbaMethod;
    }

    /** The role the fixture creates for this method. */
    public String user() {
        return user;
    }

    /** The method's name in {@code pg_hba.conf}. */
    public String hbaMethod() {
        return hbaMethod;
    }

    /** The password the fixture gives this method's role. */
    public String password() {
        return "pw-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
