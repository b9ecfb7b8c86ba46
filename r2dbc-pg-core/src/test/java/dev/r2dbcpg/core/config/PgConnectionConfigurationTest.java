package dev.r2dbcpg.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class PgConnectionConfigurationTest {

    private static final PgEnvironment EMPTY = PgEnvironment.of(Map.of());

    @Test
    void hasDocumentedDefaults() {
        PgConnectionConfiguration c = PgConnectionConfiguration.builder().environment(EMPTY).build();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.socketTimeout()).isNull();
        assertThat(c.statementTimeout()).isNull();
        assertThat(c.tls().sslNegotiation()).isEqualTo(SslNegotiation.POSTGRES);
        assertThat(c.tls().sslSni()).isTrue();
        assertThat(c.channelBinding()).isEqualTo(ChannelBinding.PREFER);
        assertThat(c.requireAuth()).isEmpty();
        assertThat(c.scramMaxIterations()).isEqualTo(1_000_000);
        assertThat(c.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.ANY);
        assertThat(c.loadBalanceHosts()).isEqualTo(LoadBalanceHosts.DISABLE);
        assertThat(c.statements()).isEqualTo(new StatementSettings(100, Duration.ofSeconds(300), 15360, 0));
        assertThat(c.maxMessageSize()).isEqualTo(1 << 30);
        assertThat(c.pipelineLimit()).isEqualTo(256);
        assertThat(c.tcpKeepAlive()).isTrue();
        assertThat(c.tcpNoDelay()).isTrue();
        assertThat(c.minProtocolVersion()).isEqualTo(ProtocolVersion.V3_0);
        assertThat(c.maxProtocolVersion()).isEqualTo(ProtocolVersion.V3_2);
        assertThat(c.maxProtocolVersion().code()).isEqualTo(0x0003_0002);
    }

    @Test
    void toStringNeverShowsPasswords() {
        PgConnectionConfiguration c = ConnectionStrings
                .parse("postgresql://u:topsecret@h/db?sslpassword=keysecret").environment(EMPTY).build();
        assertThat(c.toString()).contains("password=<set>").contains("sslPassword=<set>")
                .doesNotContain("topsecret").doesNotContain("keysecret");
        assertThat(c.password().toString()).doesNotContain("topsecret");
        assertThat(c.toBuilder().toString()).doesNotContain("topsecret");
        assertThat(new String(c.tls().sslPassword())).isEqualTo("keysecret");
    }

    @Test
    void toBuilderKeepsEveryValue() {
        PgConnectionConfiguration c = ConnectionStrings.parse("postgresql://u:pw@a:1,b:2/db?sslmode=verify-ca"
                        + "&statementCacheSize=5&currentSchema=s&socketTimeout=30s&require_auth=md5&fetchSize=9")
                .serverSetting("DateStyle", "ISO").environment(EMPTY).build();
        PgConnectionConfiguration copy = c.toBuilder().environment(PgEnvironment.of(Map.of("PGSSLMODE", "disable")))
                .build();
        assertThat(copy.toString()).isEqualTo(c.toString());
        StepVerifier.create(copy.password().password().map(String::new)).expectNext("pw").verifyComplete();
    }

    @Test
    void startupParametersCarryTimeoutsInMilliseconds() {
        PgConnectionConfiguration c = PgConnectionConfiguration.builder().environment(EMPTY).user("u").database("d")
                .options("-c geqo=off").serverSetting("statement_timeout", "1").serverSetting("DateStyle", "ISO")
                .currentSchema("app").statementTimeout(Duration.ofSeconds(5)).lockWaitTimeout(Duration.ofMillis(250))
                .idleInTransactionSessionTimeout(Duration.ofMinutes(1)).build();
        assertThat(c.startupParameters()).containsExactly(Map.entry("user", "u"), Map.entry("database", "d"),
                Map.entry("application_name", "r2dbc-pg"), Map.entry("options", "-c geqo=off"),
                Map.entry("statement_timeout", "5000"), Map.entry("DateStyle", "ISO"),
                Map.entry("search_path", "app"), Map.entry("lock_timeout", "250"),
                Map.entry("idle_in_transaction_session_timeout", "60000"));
    }

    @Test
    void rejectsContradictorySettings() {
        assertThatThrownBy(() -> ConnectionStrings.parse("sslnegotiation=direct sslmode=prefer").environment(EMPTY)
                .build()).hasMessageContaining("sslnegotiation=direct");
        assertThatThrownBy(() -> ConnectionStrings.parse("channel_binding=require sslmode=disable")
                .environment(EMPTY).build()).hasMessageContaining("channel_binding");
        assertThatThrownBy(() -> ConnectionStrings.parse("min_protocol_version=3.2 max_protocol_version=3.0")
                .environment(EMPTY).build()).hasMessageContaining("min_protocol_version");
    }

    @Test
    void passwordSourceGivesFreshArrays() {
        char[] original = "pw".toCharArray();
        PasswordSource source = PasswordSource.of(original);
        java.util.Arrays.fill(original, '\0');
        char[] first = source.password().block(Duration.ofSeconds(1));
        PasswordSource.clear(first);
        StepVerifier.create(source.password().map(String::new)).expectNext("pw").verifyComplete();
        assertThat(source.toString()).doesNotContain("pw]");
    }

    @Test
    void parsesEnumsTheLibpqWay() {
        assertThat(SslMode.parse("verify-full")).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(SslMode.parse("VERIFY_FULL")).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(SslMode.parse("Prefer").startsWithTls()).isTrue();
        assertThat(SslMode.ALLOW.startsWithTls()).isFalse();
        assertThat(SslMode.VERIFY_CA).hasToString("verify-ca");
        assertThat(ProtocolVersion.parse("latest")).isEqualTo(ProtocolVersion.V3_2);
        assertThatThrownBy(() -> ProtocolVersion.parse("3.1")).hasMessageContaining("3.0, 3.2");
    }

    @Test
    void parsesRequireAuthLists() {
        assertThat(AuthMethod.parseRequireAuth("scram-sha-256, md5"))
                .containsExactlyInAnyOrder(AuthMethod.SCRAM_SHA_256, AuthMethod.MD5);
        assertThat(AuthMethod.parseRequireAuth("!password,!none"))
                .containsExactlyInAnyOrder(AuthMethod.MD5, AuthMethod.GSS, AuthMethod.SSPI, AuthMethod.SCRAM_SHA_256,
                        AuthMethod.OAUTH);
        assertThat(AuthMethod.parseRequireAuth("")).isEmpty();
        assertThatThrownBy(() -> AuthMethod.parseRequireAuth("md5,!password")).hasMessageContaining("mixed");
        assertThatThrownBy(() -> AuthMethod.parseRequireAuth("md5,md5")).hasMessageContaining("more than once");
        assertThatThrownBy(() -> AuthMethod.parseRequireAuth("kerberos")).hasMessageContaining("kerberos");
    }

    @Test
    void coercesDurationSpellings() {
        assertThat(Values.duration("x", "PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Values.duration("x", "10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Values.duration("x", "10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Values.duration("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Values.duration("x", "5min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Values.duration("x", 3)).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> Values.duration("x", "-PT1S")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Values.duration("x", "soon")).hasMessageContaining("'x'");
    }

    @Test
    void builderRejectsOutOfRangeValuesAtOnce() {
        assertThatThrownBy(() -> PgConnectionConfiguration.builder().port(0)).hasMessageContaining("port");
        assertThatThrownBy(() -> PgConnectionConfiguration.builder().pipelineLimit(0))
                .hasMessageContaining("pipelineLimit");
        assertThatThrownBy(() -> PgConnectionConfiguration.builder().hosts(java.util.List.of()))
                .hasMessageContaining("hosts");
        assertThat(PgConnectionConfiguration.builder().requireAuth(Set.of()).environment(EMPTY).build()
                .requireAuth()).isEmpty();
    }
}
