package dev.r2dbcpg.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** libpq's TCP keywords, r2dbc-postgresql's socket and server-type options, and the ones we refuse. */
class SocketOptionsParsingTest {

    private static final PgEnvironment EMPTY = PgEnvironment.of(Map.of());

    private static PgConnectionConfiguration parse(String s) {
        return ConnectionStrings.parse(s).environment(EMPTY).build();
    }

    private static PgConnectionConfiguration r2dbc(String url) {
        return PgOptions.toBuilder(ConnectionFactoryOptions.parse(url)).environment(EMPTY).build();
    }

    @Test
    void keepaliveKeywordsInLibpqUnits() {
        TcpSettings tcp = parse("host=h keepalives=1 keepalives_idle=30 keepalives_interval=5 keepalives_count=3 "
                + "tcp_user_timeout=2500").tcp();
        assertThat(tcp).isEqualTo(new TcpSettings(true, true, Duration.ofSeconds(30), Duration.ofSeconds(5), 3,
                Duration.ofMillis(2500)));
        assertThat(parse("host=h keepalives=0").tcp().keepAlive()).isFalse();
    }

    @Test
    void zeroMeansTheSystemDefaultAsInLibpq() {
        TcpSettings tcp = parse("host=h keepalives_idle=0 keepalives_interval=0 tcp_user_timeout=0").tcp();
        assertThat(tcp).isEqualTo(TcpSettings.defaults());
    }

    @Test
    void defaults() {
        assertThat(parse("host=h").tcp()).isEqualTo(TcpSettings.defaults());
        assertThat(parse("host=h").tcpNoDelay()).isTrue();
    }

    @Test
    void badKeepaliveValuesAreNamed() {
        assertThatThrownBy(() -> parse("host=h keepalives_count=0")).hasMessageContaining("keepalives_count");
        assertThatThrownBy(() -> parse("host=h keepalives_idle=x")).hasMessageContaining("keepalives_idle");
        assertThatThrownBy(() -> parse("host=h keepalives_idle=500ms")).hasMessageContaining("keepalives_idle");
    }

    @Test
    void r2dbcNamesOfTheTcpOptions() {
        PgConnectionConfiguration c = r2dbc("r2dbc:postgresql://h/db?tcpNoDelay=false&tcpKeepAlive=true"
                + "&keepAliveIdle=10s&tcpUserTimeout=1500");
        assertThat(c.tcp()).isEqualTo(new TcpSettings(false, true, Duration.ofSeconds(10), null, null,
                Duration.ofMillis(1500)));
    }

    @Test
    void socketOptionIsTheSocketFile() {
        PgConnectionConfiguration c = r2dbc("r2dbc:postgresql://ignored/db?socket=%2Fvar%2Frun%2Fpostgresql%2F.s.PGSQL.5433");
        assertThat(c.hosts()).containsExactly(new HostAndPort("/var/run/postgresql", 5433));
        assertThat(c.hosts().get(0).unixSocketPath()).isEqualTo("/var/run/postgresql/.s.PGSQL.5433");
        assertThatThrownBy(() -> r2dbc("r2dbc:postgresql://h/db?socket=%2Ftmp%2Fpg.sock"))
                .hasMessageContaining("socket").hasMessageContaining(".s.PGSQL.<port>");
        assertThatThrownBy(() -> r2dbc("r2dbc:postgresql://h/db?socket=.s.PGSQL.5432"))
                .hasMessageContaining("absolute path");
    }

    @Test
    void percentEncodedSocketDirectories() {
        assertThat(parse("postgresql://%2Fvar%2Frun%2Fpostgresql/db").hosts())
                .containsExactly(new HostAndPort("/var/run/postgresql", 5432));
        assertThat(r2dbc("r2dbc:postgresql://%2Fvar%2Frun%2Fpostgresql:5433/db").hosts())
                .containsExactly(new HostAndPort("/var/run/postgresql", 5433));
        assertThat(parse("host=/tmp port=6000").hosts().get(0).unixSocketPath()).isEqualTo("/tmp/.s.PGSQL.6000");
    }

    @Test
    void r2dbcPostgresqlTargetServerTypeAndBooleanLoadBalancing() {
        assertThat(r2dbc("r2dbc:postgresql://h/db?targetServerType=preferSecondary").targetSessionAttrs())
                .isEqualTo(TargetSessionAttrs.PREFER_STANDBY);
        assertThat(r2dbc("r2dbc:postgresql://h/db?targetServerType=primary").targetSessionAttrs())
                .isEqualTo(TargetSessionAttrs.PRIMARY);
        assertThat(r2dbc("r2dbc:postgresql://h/db?targetServerType=secondary").targetSessionAttrs())
                .isEqualTo(TargetSessionAttrs.STANDBY);
        assertThatThrownBy(() -> r2dbc("r2dbc:postgresql://h/db?targetServerType=master-ish"))
                .hasMessageContaining("targetServerType");
        assertThat(r2dbc("r2dbc:postgresql://h/db?loadBalanceHosts=true").loadBalanceHosts())
                .isEqualTo(LoadBalanceHosts.RANDOM);
        assertThat(r2dbc("r2dbc:postgresql://h/db?loadBalanceHosts=random").loadBalanceHosts())
                .isEqualTo(LoadBalanceHosts.RANDOM);
        assertThat(r2dbc("r2dbc:postgresql://h/db?loadBalanceHosts=false").loadBalanceHosts())
                .isEqualTo(LoadBalanceHosts.DISABLE);
    }

    @Test
    void timeZoneIsSentAtStartup() {
        assertThat(r2dbc("r2dbc:postgresql://h/db?timeZone=Europe%2FBerlin").startupParameters())
                .containsEntry("TimeZone", "Europe/Berlin");
    }

    @Test
    void r2dbcPostgresqlOptionsWeDoNotImplementAreRefusedWithTheReason() {
        for (String option : new String[] {"autodetectExtensions", "compatibilityMode", "forceBinary",
            "preferAttachedBuffers", "errorResponseLogLevel", "noticeLogLevel", "hostRecheckTime"}) {
            assertThatThrownBy(() -> r2dbc("r2dbc:postgresql://h/db?" + option + "=true"))
                    .hasMessageContaining("r2dbc-postgresql option '" + option + "' is not supported");
        }
    }
}
