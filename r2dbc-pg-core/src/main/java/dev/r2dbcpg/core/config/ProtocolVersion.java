package dev.r2dbcpg.core.config;

/**
 * Frontend/backend protocol versions, for libpq 18's {@code min_protocol_version} and
 * {@code max_protocol_version}.
 */
public enum ProtocolVersion {
    /** Protocol 3.0, spoken by every supported server. */
    V3_0(0),
    /** Protocol 3.2 (PostgreSQL 18): variable-length cancel keys. */
    V3_2(2);

    private final int minor;

    ProtocolVersion(int minor) {
        this.minor = minor;
    }

    /**
     * Parses {@code "3.0"}, {@code "3.2"} or {@code "latest"} (the newest version this driver speaks).
     *
     * @throws IllegalArgumentException for any other value
     */
    public static ProtocolVersion parse(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("latest")) {
            return V3_2;
        }
        for (ProtocolVersion version : values()) {
            if (version.toString().equals(v)) {
                return version;
            }
        }
        throw new IllegalArgumentException(
                "invalid protocol version value: \"" + value + "\" (accepted: 3.0, 3.2, latest)");
    }

    /** The major version, 3. */
    public int major() {
        return 3;
    }

    /** The minor version. */
    public int minor() {
        return minor;
    }

    /** The version as written in the StartupMessage: major in the high 16 bits, minor in the low. */
    public int code() {
        return (3 << 16) | minor;
    }

    /** {@code "3.0"} or {@code "3.2"}. */
    @Override
    public String toString() {
        return "3." + minor;
    }
}
