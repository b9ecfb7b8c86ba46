package dev.r2dbcpg.core.config;

/** libpq's {@code target_session_attrs}: which of several hosts is acceptable. */
public enum TargetSessionAttrs {
    /** Any host. */
    ANY,
    /** A host that accepts read-write transactions by default. */
    READ_WRITE,
    /** A host whose sessions are read-only by default. */
    READ_ONLY,
    /** A host that is not in hot-standby mode. */
    PRIMARY,
    /** A host in hot-standby mode. */
    STANDBY,
    /** A standby if one is reachable, otherwise any host. */
    PREFER_STANDBY;

    /**
     * Parses a libpq value ({@code read-write}, {@code prefer-standby} ...), case-insensitively.
     *
     * @throws IllegalArgumentException if the value names no mode
     */
    public static TargetSessionAttrs parse(String value) {
        return Keyword.parse(TargetSessionAttrs.class, "target_session_attrs", value);
    }

    @Override
    public String toString() {
        return Keyword.libpqName(this);
    }
}
