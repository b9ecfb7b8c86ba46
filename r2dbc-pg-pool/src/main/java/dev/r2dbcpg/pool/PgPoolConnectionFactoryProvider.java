package dev.r2dbcpg.pool;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ConnectionFactoryProvider;

/**
 * Registers {@link PgPool} with {@code io.r2dbc.spi.ConnectionFactories} for the driver name {@code pgpool}
 * (distinct from r2dbc-pool's {@code pool}):
 * {@code ConnectionFactories.get("r2dbc:pgpool://user:password@host:5432/db?maxSize=20&acquireTimeout=5s")}.
 * A protocol, as in {@code r2dbc:pgpool:postgresql://...}, is accepted and ignored. Connection options are the
 * driver's; pool options are {@link PgPoolOptions}.
 */
public final class PgPoolConnectionFactoryProvider implements ConnectionFactoryProvider {

    /** The driver name. */
    public static final String DRIVER = "pgpool";

    @Override
    public PgPool create(ConnectionFactoryOptions options) {
        return PgPool.create(PgPoolOptions.fromOptions(options));
    }

    @Override
    public boolean supports(ConnectionFactoryOptions options) {
        return DRIVER.equals(options.getValue(ConnectionFactoryOptions.DRIVER));
    }

    @Override
    public String getDriver() {
        return DRIVER;
    }
}
