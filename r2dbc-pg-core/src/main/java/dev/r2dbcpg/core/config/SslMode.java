package dev.r2dbcpg.core.config;

/**
 * libpq's {@code sslmode}: whether TLS is attempted, required, and how the server certificate is checked.
 */
public enum SslMode {
    /** Plain connection only. */
    DISABLE,
    /** Plain first; TLS only if the server refuses the plain connection. No certificate check. */
    ALLOW,
    /** TLS first; plain if the server does not offer TLS. No certificate check. The libpq default. */
    PREFER,
    /** TLS only. If a root certificate is configured, it is verified as for {@link #VERIFY_CA} (as libpq does). */
    REQUIRE,
    /** TLS only; the server certificate must chain to a trusted root. */
    VERIFY_CA,
    /** TLS only; the certificate must chain to a trusted root and match the host name. */
    VERIFY_FULL;

    /**
     * Parses a libpq value, case-insensitively, with {@code -} and {@code _} interchangeable
     * ({@code "verify-full"}, {@code "VERIFY_FULL"}).
     *
     * @throws IllegalArgumentException if the value names no mode
     */
    public static SslMode parse(String value) {
        return Keyword.parse(SslMode.class, "sslmode", value);
    }

    /** Whether the first attempt uses TLS (everything but {@link #DISABLE} and {@link #ALLOW}). */
    public boolean startsWithTls() {
        return this != DISABLE && this != ALLOW;
    }

    /** Whether a plain connection may be used at all. */
    public boolean allowsPlain() {
        return this == DISABLE || this == ALLOW || this == PREFER;
    }

    /** Whether the server certificate must chain to a trusted root. */
    public boolean verifiesCertificate() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    /** Whether the server host name must match the certificate. */
    public boolean verifiesHostName() {
        return this == VERIFY_FULL;
    }

    /** The libpq spelling, e.g. {@code verify-full}. */
    @Override
    public String toString() {
        return Keyword.libpqName(this);
    }
}
