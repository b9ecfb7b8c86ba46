package dev.r2dbcpg.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.core.config.SslMode;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ConnectionFactory;
import java.util.List;

/** The drivers by the names the benchmarks' {@code driver} parameter uses, each connected without TLS. */
final class Drivers {

    static final String R2DBC_PG = "r2dbc-pg";
    static final String R2DBC_POSTGRESQL = "r2dbc-postgresql";
    static final String VERTX = "vertx-pg-client";
    static final String PGJDBC = "pgjdbc";

    /** Every driver, in the order of the report's columns. */
    static final List<String> ALL = List.of(R2DBC_PG, R2DBC_POSTGRESQL, VERTX, PGJDBC);

    private Drivers() {
    }

    /** Opens {@code connections} connections of the named driver to {@code db}. */
    static BenchDriver open(String name, BenchDatabase db, int connections) {
        return switch (name) {
            case R2DBC_PG -> R2dbcDriver.open(r2dbcPg(db), connections);
            case R2DBC_POSTGRESQL -> R2dbcDriver.open(r2dbcPostgresql(db), connections);
            case VERTX -> VertxDriver.open(db, connections);
            case PGJDBC -> new JdbcDriver(hikari(db, connections), connections);
            default -> throw new IllegalArgumentException("Unknown driver " + name + " (known: " + ALL + ")");
        };
    }

    static ConnectionFactory r2dbcPg(BenchDatabase db) {
        return PgConnectionFactory.create(PgConnectionConfiguration.builder()
                .host(db.host()).port(db.port()).database(db.database())
                .user(db.user()).password(db.password())
                .sslMode(SslMode.DISABLE)
                .build());
    }

    static ConnectionFactory r2dbcPostgresql(BenchDatabase db) {
        return new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(db.host()).port(db.port()).database(db.database())
                .username(db.user()).password(db.password())
                .sslMode(SSLMode.DISABLE)
                .build());
    }

    /** HikariCP with exactly {@code connections} connections, all opened up front. */
    static HikariDataSource hikari(BenchDatabase db, int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(connections);
        config.setPoolName("bench-" + connections);
        return new HikariDataSource(config);
    }
}
