package dev.r2dbcpg.core.config;

/** libpq's {@code channel_binding}: use of SCRAM-SHA-256-PLUS over TLS. */
public enum ChannelBinding {
    /** Never use channel binding. */
    DISABLE,
    /** Use channel binding when TLS is in use and the server offers it. */
    PREFER,
    /** Fail unless the server authenticates with channel binding. */
    REQUIRE;

    /**
     * Parses a libpq value, case-insensitively.
     *
     * @throws IllegalArgumentException if the value names no mode
     */
    public static ChannelBinding parse(String value) {
        return Keyword.parse(ChannelBinding.class, "channel_binding", value);
    }

    @Override
    public String toString() {
        return Keyword.libpqName(this);
    }
}
