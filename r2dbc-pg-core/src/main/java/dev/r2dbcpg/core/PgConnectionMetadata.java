package dev.r2dbcpg.core;

import io.r2dbc.spi.ConnectionMetadata;

/** What the server said of itself at startup. */
public final class PgConnectionMetadata implements ConnectionMetadata {

    private final String serverVersion;

    PgConnectionMetadata(String serverVersion) {
        this.serverVersion = serverVersion;
    }

    /** Always {@code PostgreSQL}. */
    @Override
    public String getDatabaseProductName() {
        return "PostgreSQL";
    }

    /** The {@code server_version} the server reported, for example {@code 18.1}. */
    @Override
    public String getDatabaseVersion() {
        return serverVersion;
    }
}
