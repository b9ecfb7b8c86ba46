package dev.r2dbcpg.core;

import dev.r2dbcpg.core.config.PgOptions;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ConnectionFactoryProvider;
import java.util.Set;

/**
 * Registers r2dbc-pg with {@code io.r2dbc.spi.ConnectionFactories} for the driver names
 * {@code postgresql}, {@code postgres} and {@code pg}:
 * {@code ConnectionFactories.get("r2dbc:postgresql://user:password@host:5432/db?sslMode=verify-full")}.
 * Options are listed in {@code docs/connection-options.md}.
 */
public final class PgConnectionFactoryProvider implements ConnectionFactoryProvider {

    private static final Set<String> DRIVERS = Set.of("postgresql", "postgres", "pg");

    @Override
    public PgConnectionFactory create(ConnectionFactoryOptions options) {
        return PgConnectionFactory.create(PgOptions.fromOptions(options));
    }

    @Override
    public boolean supports(ConnectionFactoryOptions options) {
        Object driver = options.getValue(ConnectionFactoryOptions.DRIVER);
        return driver instanceof String name && DRIVERS.contains(name);
    }

    @Override
    public String getDriver() {
        return "postgresql";
    }
}
