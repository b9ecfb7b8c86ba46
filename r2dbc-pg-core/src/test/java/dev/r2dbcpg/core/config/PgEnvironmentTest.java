package dev.r2dbcpg.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class PgEnvironmentTest {

    private static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("PGHOST", "envhost1,envhost2"), Map.entry("PGPORT", "6001,6002"),
            Map.entry("PGDATABASE", "envdb"), Map.entry("PGUSER", "envuser"), Map.entry("PGPASSWORD", "envpw"),
            Map.entry("PGPASSFILE", "/tmp/env.pgpass"), Map.entry("PGSSLMODE", "verify-ca"),
            Map.entry("PGSSLROOTCERT", "/env/root.crt"), Map.entry("PGSSLCERT", "/env/c.crt"),
            Map.entry("PGSSLKEY", "/env/c.key"), Map.entry("PGSSLNEGOTIATION", "direct"),
            Map.entry("PGAPPNAME", "envapp"), Map.entry("PGCONNECT_TIMEOUT", "3"),
            Map.entry("PGOPTIONS", "-c geqo=off"), Map.entry("PGTARGETSESSIONATTRS", "standby"),
            Map.entry("PGCHANNELBINDING", "require"), Map.entry("PGREQUIREAUTH", "!password"));

    @Test
    void fillsEverythingFromTheEnvironment() {
        PgConnectionConfiguration c = PgConnectionConfiguration.builder().environment(PgEnvironment.of(ENV)).build();
        assertThat(c.hosts()).containsExactly(new HostAndPort("envhost1", 6001), new HostAndPort("envhost2", 6002));
        assertThat(c.database()).isEqualTo("envdb");
        assertThat(c.user()).isEqualTo("envuser");
        StepVerifier.create(c.password().password().map(String::new)).expectNext("envpw").verifyComplete();
        assertThat(c.passfile()).isEqualTo(Path.of("/tmp/env.pgpass"));
        assertThat(c.sslMode()).isEqualTo(SslMode.VERIFY_CA);
        assertThat(c.tls().sslRootCert()).isEqualTo(Path.of("/env/root.crt"));
        assertThat(c.tls().sslCert()).isEqualTo(Path.of("/env/c.crt"));
        assertThat(c.tls().sslKey()).isEqualTo(Path.of("/env/c.key"));
        assertThat(c.tls().sslNegotiation()).isEqualTo(SslNegotiation.DIRECT);
        assertThat(c.applicationName()).isEqualTo("envapp");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.options()).isEqualTo("-c geqo=off");
        assertThat(c.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.STANDBY);
        assertThat(c.channelBinding()).isEqualTo(ChannelBinding.REQUIRE);
        assertThat(c.requireAuth()).doesNotContain(AuthMethod.PASSWORD).contains(AuthMethod.SCRAM_SHA_256);
    }

    @Test
    void explicitSettingsWinOverTheEnvironment() {
        PgConnectionConfiguration c = ConnectionStrings
                .parse("postgresql://me:pw@h:7000/db?sslmode=require&application_name=mine&connect_timeout=0")
                .environment(PgEnvironment.of(ENV)).build();
        assertThat(c.hosts()).containsExactly(new HostAndPort("h", 7000));
        assertThat(c.user()).isEqualTo("me");
        assertThat(c.database()).isEqualTo("db");
        StepVerifier.create(c.password().password().map(String::new)).expectNext("pw").verifyComplete();
        assertThat(c.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(c.applicationName()).isEqualTo("mine");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ZERO);
        assertThat(c.options()).isEqualTo("-c geqo=off");   // not given explicitly
    }

    @Test
    void hostAndPortFallBackIndependently() {
        PgEnvironment env = PgEnvironment.of(Map.of("PGHOST", "envhost", "PGPORT", "6543"));
        assertThat(ConnectionStrings.parse("host=h").environment(env).build().hosts())
                .containsExactly(new HostAndPort("h", 6543));
        assertThat(ConnectionStrings.parse("port=1234").environment(env).build().hosts())
                .containsExactly(new HostAndPort("envhost", 1234));
    }

    @Test
    void defaultsWithoutEnvironment() {
        PgConnectionConfiguration c = PgConnectionConfiguration.builder().environment(PgEnvironment.of(Map.of()))
                .build();
        assertThat(c.hosts()).containsExactly(new HostAndPort("localhost", 5432));
        assertThat(c.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(c.database()).isEqualTo(c.user());
        assertThat(c.password()).isNull();
        assertThat(c.passfile()).isEqualTo(Path.of(System.getProperty("user.home"), ".pgpass"));
        assertThat(c.sslMode()).isEqualTo(SslMode.PREFER);
        assertThat(c.applicationName()).isEqualTo("r2dbc-pg");
    }

    @Test
    void fallbackApplicationNameYieldsToEnvironment() {
        assertThat(ConnectionStrings.parse("fallback_application_name=fb")
                .environment(PgEnvironment.of(Map.of())).build().applicationName()).isEqualTo("fb");
        assertThat(ConnectionStrings.parse("fallback_application_name=fb")
                .environment(PgEnvironment.of(Map.of("PGAPPNAME", "env"))).build().applicationName()).isEqualTo("env");
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        assertThatThrownBy(() -> PgConnectionConfiguration.builder()
                .environment(PgEnvironment.of(Map.of("PGPORT", "five"))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'PGPORT'");
        assertThatThrownBy(() -> PgConnectionConfiguration.builder()
                .environment(PgEnvironment.of(Map.of("PGSSLMODE", "sometimes"))).build())
                .hasMessageContaining("'PGSSLMODE'").hasMessageContaining("verify-full");
    }

    @Test
    void emptyVariablesCountAsUnset() {
        PgConnectionConfiguration c = PgConnectionConfiguration.builder()
                .environment(PgEnvironment.of(Map.of("PGHOST", "", "PGPASSWORD", ""))).build();
        assertThat(c.hosts()).containsExactly(new HostAndPort("localhost", 5432));
        assertThat(c.password()).isNull();
    }

    @Test
    void toStringShowsNamesNotValues() {
        assertThat(PgEnvironment.of(ENV).toString()).contains("PGPASSWORD").doesNotContain("envpw");
    }
}
