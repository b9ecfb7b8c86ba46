package dev.r2dbcpg.core.config;

/** libpq's {@code sslnegotiation} (PostgreSQL 17+): how TLS is started. */
public enum SslNegotiation {
    /** Send an SSLRequest on the plain connection first; works with every server. */
    POSTGRES,
    /** Start the TLS handshake right away, with ALPN {@code postgresql}; servers 17 and later. */
    DIRECT;

    /**
     * Parses a libpq value, case-insensitively.
     *
     * @throws IllegalArgumentException if the value names no mode
     */
    public static SslNegotiation parse(String value) {
        return Keyword.parse(SslNegotiation.class, "sslnegotiation", value);
    }

    @Override
    public String toString() {
        return Keyword.libpqName(this);
    }
}
