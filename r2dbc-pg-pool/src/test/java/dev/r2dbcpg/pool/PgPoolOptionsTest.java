package dev.r2dbcpg.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PgPoolOptionsTest {

    private static PgPoolConfiguration parse(String url) {
        return PgPoolOptions.fromOptions(ConnectionFactoryOptions.parse(url));
    }

    @Test
    void readsEveryPoolOptionFromAUrlAndLeavesTheConnectionToTheDriver() {
        PgPoolConfiguration c = parse("r2dbc:pgpool://app:secret@db.example:6432/orders?minSize=2&maxSize=20"
                + "&acquireTimeout=500ms&maxPendingAcquires=100&maxQueries=1000&maxInactiveConnectionLifetime=5min"
                + "&maxLifetime=PT30M&maxLifetimeJitter=1min&acquireValidation=remote&backgroundValidation=none"
                + "&validationTimeout=2s&backgroundInterval=10&hookTimeout=3s&leakDetectionThreshold=1min"
                + "&closeTimeout=0&poolName=orders&metrics=false&sslMode=disable&applicationName=svc");
        assertThat(c.minSize()).isEqualTo(2);
        assertThat(c.maxSize()).isEqualTo(20);
        assertThat(c.acquireTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.maxPendingAcquires()).isEqualTo(100);
        assertThat(c.maxQueries()).isEqualTo(1000);
        assertThat(c.maxInactiveConnectionLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.maxLifetimeJitter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.acquireValidation()).isEqualTo(PgValidation.REMOTE);
        assertThat(c.backgroundValidation()).isEqualTo(PgValidation.NONE);
        assertThat(c.validationTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.backgroundInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.hookTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.leakDetectionThreshold()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.closeTimeout()).isZero();
        assertThat(c.name()).isEqualTo("orders");
        assertThat(c.connection().hosts().get(0).host()).isEqualTo("db.example");
        assertThat(c.connection().hosts().get(0).port()).isEqualTo(6432);
        assertThat(c.connection().database()).isEqualTo("orders");
        assertThat(c.connection().user()).isEqualTo("app");
        assertThat(c.connection().applicationName()).isEqualTo("svc");
    }

    @Test
    void validationQueryBecomesTheAcquireCheck() {
        assertThat(parse("r2dbc:pgpool://h/db?validationQuery=SELECT%202").acquireValidation())
                .isEqualTo(PgValidation.query("SELECT 2"));
    }

    @Test
    void defaultsFollowAsyncpg() {
        PgPoolConfiguration c = parse("r2dbc:pgpool://h/db");
        assertThat(c.maxSize()).isEqualTo(10);
        assertThat(c.maxQueries()).isEqualTo(50_000);
        assertThat(c.maxInactiveConnectionLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.reset()).isSameAs(PgSessionReset.standard());
        assertThat(c.leakDetectionThreshold()).isZero();
    }

    @Test
    void badValueNamesTheOption() {
        assertThatThrownBy(() -> parse("r2dbc:pgpool://h/db?maxSize=lots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSize");
        assertThatThrownBy(() -> parse("r2dbc:pgpool://h/db?acquireTimeout=soon"))
                .hasMessageContaining("acquireTimeout");
        assertThatThrownBy(() -> parse("r2dbc:pgpool://h/db?acquireValidation=deep"))
                .hasMessageContaining("acquireValidation").hasMessageContaining("none, local or remote");
    }

    @Test
    void inconsistentSizesAreRejected() {
        assertThatThrownBy(() -> parse("r2dbc:pgpool://h/db?minSize=5&maxSize=2"))
                .hasMessageContaining("minSize must be between 0 and maxSize");
        assertThatThrownBy(() -> parse("r2dbc:pgpool://h/db?maxLifetime=1min&maxLifetimeJitter=2min"))
                .hasMessageContaining("maxLifetimeJitter");
    }

    @Test
    void providerClaimsPgpoolButNotR2dbcPoolsName() {
        PgPoolConnectionFactoryProvider provider = new PgPoolConnectionFactoryProvider();
        assertThat(provider.supports(ConnectionFactoryOptions.parse("r2dbc:pgpool://h/db"))).isTrue();
        assertThat(provider.supports(ConnectionFactoryOptions.parse("r2dbc:pgpool:postgresql://h/db"))).isTrue();
        assertThat(provider.supports(ConnectionFactoryOptions.parse("r2dbc:pool:postgresql://h/db"))).isFalse();
        assertThat(provider.supports(ConnectionFactoryOptions.parse("r2dbc:postgresql://h/db"))).isFalse();
    }
}
