package dev.r2dbcpg.core.client;

/** libpq's {@code sslmode}, in increasing order of protection. */
public enum SslMode {
    /** Never TLS. */
    DISABLE,
    /** Cleartext first; TLS only if the server rejects the cleartext session. */
    ALLOW,
    /** TLS if the server offers it, cleartext otherwise. No certificate verification. */
    PREFER,
    /** TLS or fail. No certificate verification unless a root certificate file is given. */
    REQUIRE,
    /** TLS with a certificate chain that verifies against the trust roots. */
    VERIFY_CA,
    /** As {@link #VERIFY_CA}, and the certificate must match the host name. */
    VERIFY_FULL;

    /** Whether a cleartext session is unacceptable. */
    public boolean requiresTls() {
        return compareTo(REQUIRE) >= 0;
    }
}
