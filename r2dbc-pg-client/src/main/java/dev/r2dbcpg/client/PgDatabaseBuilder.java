package dev.r2dbcpg.client;

import dev.r2dbcpg.core.config.ConnectionStrings;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.core.config.PgEnvironment;
import dev.r2dbcpg.core.config.PgOptions;
import dev.r2dbcpg.pool.PgPool;
import dev.r2dbcpg.pool.PgPoolConfiguration;
import dev.r2dbcpg.pool.PgPoolConnectionFactoryProvider;
import dev.r2dbcpg.pool.PgPoolOptions;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link PgDatabase} that owns a {@link PgPool}. Connection settings come from {@link #url(String)}
 * or {@link #connection(PgConnectionConfiguration.Builder)}; what they leave unset comes from the
 * {@code PG*} environment variables, then libpq's defaults. Pool settings are {@link #maxSize(int)},
 * {@link #minSize(int)} and anything of {@link PgPoolConfiguration.Builder} through {@link #pool(Consumer)}.
 */
public final class PgDatabaseBuilder {

    private PgConnectionConfiguration.@Nullable Builder connection;
    private @Nullable PgPoolConfiguration fromR2dbcUrl;
    private @Nullable PgEnvironment environment;
    private @Nullable Integer minSize;
    private @Nullable Integer maxSize;
    private final List<Consumer<PgPoolConfiguration.Builder>> poolCustomizers = new ArrayList<>();

    PgDatabaseBuilder() {
    }

    /**
     * Connection settings from a {@code postgresql://} URL, a key/value DSN, or an R2DBC URL
     * ({@code r2dbc:postgresql://...} or {@code r2dbc:pgpool://...}, whose pool options apply too).
     *
     * @throws IllegalArgumentException for a malformed string or another R2DBC driver
     */
    public PgDatabaseBuilder url(String url) {
        Objects.requireNonNull(url, "url");
        if (url.startsWith("r2dbc:")) {
            ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(url);
            Object driver = options.getValue(ConnectionFactoryOptions.DRIVER);
            if (PgPoolConnectionFactoryProvider.DRIVER.equals(driver)) {
                fromR2dbcUrl = PgPoolOptions.fromOptions(options);
                connection = fromR2dbcUrl.connection().toBuilder();
            } else if ("postgresql".equals(driver) || "postgres".equals(driver)) {
                fromR2dbcUrl = null;
                connection = PgOptions.toBuilder(options);
            } else {
                throw new IllegalArgumentException("Not an r2dbc-pg URL: driver '" + driver
                        + "' (use r2dbc:postgresql:// or r2dbc:pgpool://)");
            }
        } else {
            fromR2dbcUrl = null;
            connection = ConnectionStrings.parse(url);
        }
        return this;
    }

    /** Connection settings given in code. */
    public PgDatabaseBuilder connection(PgConnectionConfiguration.Builder configuration) {
        this.connection = Objects.requireNonNull(configuration, "configuration");
        this.fromR2dbcUrl = null;
        return this;
    }

    /** The variables that fill unset settings (default: the process environment). */
    public PgDatabaseBuilder environment(PgEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        return this;
    }

    /** The most connections the pool opens (default 10). */
    public PgDatabaseBuilder maxSize(int maxSize) {
        this.maxSize = maxSize;
        return this;
    }

    /** The connections the pool keeps open when idle (default 0). */
    public PgDatabaseBuilder minSize(int minSize) {
        this.minSize = minSize;
        return this;
    }

    /** Any other pool setting (acquire timeout, lifetimes, validation, hooks ...); applied in order, last. */
    public PgDatabaseBuilder pool(Consumer<PgPoolConfiguration.Builder> customizer) {
        poolCustomizers.add(Objects.requireNonNull(customizer, "customizer"));
        return this;
    }

    /**
     * The database, with a pool that opens no connection until first used.
     *
     * @throws IllegalArgumentException when the settings are invalid (a bad environment variable, a size below 0)
     */
    public PgDatabase build() {
        PgConnectionConfiguration.Builder settings = connection != null ? connection : PgConnectionConfiguration.builder();
        if (environment != null) {
            settings.environment(environment);
        }
        PgPoolConfiguration.Builder pool = fromR2dbcUrl != null ? fromR2dbcUrl.toBuilder()
                : PgPoolConfiguration.builder().name("pgdatabase");
        pool.connection(settings.build());
        if (minSize != null) {
            pool.minSize(minSize);
        }
        if (maxSize != null) {
            pool.maxSize(maxSize);
        }
        poolCustomizers.forEach(customizer -> customizer.accept(pool));
        return new PgDatabase(new ConnectionSource(PgPool.create(pool.build()), true));
    }
}
