package dev.r2dbcpg.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class PgOptionsTest {

    private static PgConnectionConfiguration from(ConnectionFactoryOptions options) {
        return PgOptions.toBuilder(options).environment(PgEnvironment.of(Map.of())).build();
    }

    private static PgConnectionConfiguration fromUrl(String url) {
        return from(ConnectionFactoryOptions.parse(url));
    }

    @Test
    void mapsStandardOptionsAndStringValuesFromUrl() {
        PgConnectionConfiguration c = fromUrl(
                "r2dbc:postgresql://u:p@h:5433/db?sslMode=verify-full&statementCacheSize=0&connectTimeout=PT3S"
                        + "&statementTimeout=500ms&lockWaitTimeout=2&fetchSize=50&tcpKeepAlive=false"
                        + "&targetSessionAttrs=prefer-standby&maxProtocolVersion=3.0");
        assertThat(c.hosts()).containsExactly(new HostAndPort("h", 5433));
        assertThat(c.user()).isEqualTo("u");
        assertThat(c.database()).isEqualTo("db");
        StepVerifier.create(c.password().password().map(String::new)).expectNext("p").verifyComplete();
        assertThat(c.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(c.statements().statementCacheSize()).isZero();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.statementTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.lockWaitTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.statements().fetchSize()).isEqualTo(50);
        assertThat(c.tcpKeepAlive()).isFalse();
        assertThat(c.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.PREFER_STANDBY);
        assertThat(c.maxProtocolVersion()).isEqualTo(ProtocolVersion.V3_0);
    }

    @Test
    void acceptsTypedValues() {
        PgConnectionConfiguration c = from(ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.HOST, "h").option(ConnectionFactoryOptions.PORT, 6000)
                .option(ConnectionFactoryOptions.USER, "u")
                .option(ConnectionFactoryOptions.CONNECT_TIMEOUT, Duration.ofSeconds(4))
                .option(PgOptions.SSL_MODE, SslMode.REQUIRE).option(PgOptions.SSL_ROOT_CERT, Path.of("/ca.pem"))
                .option(PgOptions.STATEMENT_CACHE_SIZE, 7).option(PgOptions.PIPELINE_LIMIT, 16)
                .option(PgOptions.SERVER_SETTINGS, Map.of("DateStyle", "ISO"))
                .option(PgOptions.REQUIRE_AUTH, java.util.Set.of(AuthMethod.SCRAM_SHA_256))
                .build());
        assertThat(c.hosts()).containsExactly(new HostAndPort("h", 6000));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(c.tls().sslRootCert()).isEqualTo(Path.of("/ca.pem"));
        assertThat(c.statements().statementCacheSize()).isEqualTo(7);
        assertThat(c.pipelineLimit()).isEqualTo(16);
        assertThat(c.serverSettings()).containsEntry("DateStyle", "ISO");
        assertThat(c.requireAuth()).containsExactly(AuthMethod.SCRAM_SHA_256);
    }

    @Test
    void sslTrueMeansVerifyFullUnlessSslModeIsGiven() {
        assertThat(fromUrl("r2dbc:postgresql://h/db?ssl=true").sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(fromUrl("r2dbcs:postgresql://h/db").sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(fromUrl("r2dbc:postgresql://h/db?ssl=false").sslMode()).isEqualTo(SslMode.DISABLE);
        assertThat(fromUrl("r2dbc:postgresql://h/db?ssl=true&sslMode=require").sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(fromUrl("r2dbc:postgresql://h/db").sslMode()).isEqualTo(SslMode.PREFER);
    }

    @Test
    void acceptsR2dbcPostgresqlAndLibpqAliases() {
        PgConnectionConfiguration c = fromUrl("r2dbc:postgresql://h/db?preparedStatementCacheQueries=-1"
                + "&schema=app&options=lock_timeout%3D10s;statement_timeout%3D5min&application_name=x"
                + "&sslmode=verify-ca&sslrootcert=/r.pem&channel_binding=require&require_auth=!md5"
                + "&connect_timeout=9&target_session_attrs=primary&sslnegotiation=direct&passfile=/p");
        assertThat(c.statements().statementCacheSize()).isEqualTo(Integer.MAX_VALUE);
        assertThat(c.currentSchema()).isEqualTo("app");
        assertThat(c.serverSettings()).containsEntry("lock_timeout", "10s").containsEntry("statement_timeout", "5min");
        assertThat(c.applicationName()).isEqualTo("x");
        assertThat(c.sslMode()).isEqualTo(SslMode.VERIFY_CA);
        assertThat(c.tls().sslRootCert()).isEqualTo(Path.of("/r.pem"));
        assertThat(c.channelBinding()).isEqualTo(ChannelBinding.REQUIRE);
        assertThat(c.requireAuth()).doesNotContain(AuthMethod.MD5).contains(AuthMethod.PASSWORD);
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(c.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.PRIMARY);
        assertThat(c.tls().sslNegotiation()).isEqualTo(SslNegotiation.DIRECT);
        assertThat(c.passfile()).isEqualTo(Path.of("/p"));
        assertThat(fromUrl("r2dbc:postgresql://h/db?preparedStatementCacheQueries=0")
                .statements().statementCacheSize()).isZero();
    }

    @Test
    void optionsStringStartingWithDashIsLibpqOptions() {
        assertThat(fromUrl("r2dbc:postgresql://h/db?options=-c%20geqo%3Doff").options()).isEqualTo("-c geqo=off");
        PgConnectionConfiguration c = from(ConnectionFactoryOptions.builder()
                .option(PgOptions.OPTIONS, Map.of("search_path", "s")).build());
        assertThat(c.serverSettings()).containsEntry("search_path", "s");
    }

    @Test
    void hostOptionMayHoldSeveralHostsOrAnIpv6Literal() {
        assertThat(fromUrl("r2dbc:postgresql://h1:5432,h2:5433/db").hosts())
                .containsExactly(new HostAndPort("h1", 5432), new HostAndPort("h2", 5433));
        assertThat(fromUrl("r2dbc:postgresql://[::1]:5433/db").hosts()).containsExactly(new HostAndPort("::1", 5433));
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> fromUrl("r2dbc:postgresql://h/db?statementCacheSize=many"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid value for option 'statementCacheSize': \"many\" (expected an integer)");
        assertThatThrownBy(() -> fromUrl("r2dbc:postgresql://h/db?sslMode=maybe"))
                .hasMessageContaining("'sslMode'").hasMessageContaining("verify-full");
        assertThatThrownBy(() -> fromUrl("r2dbc:postgresql://h/db?connectTimeout=10parsecs"))
                .hasMessageContaining("'connectTimeout'").hasMessageContaining("unit");
        assertThatThrownBy(() -> fromUrl("r2dbc:postgresql://h/db?tcpNoDelay=perhaps"))
                .hasMessageContaining("'tcpNoDelay'");
        assertThatThrownBy(() -> fromUrl("r2dbc:postgresql://h/db?fetchSize=-1"))
                .hasMessageContaining("'fetchSize'");
        assertThatThrownBy(() -> fromUrl("r2dbc:postgresql://h/db?preparedStatementCacheQueries=-2"))
                .hasMessageContaining("'preparedStatementCacheQueries'");
    }

    @Test
    void passwordsNeverAppearInErrors() {
        assertThatThrownBy(() -> from(ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.PASSWORD, "topsecret")
                .option(PgOptions.SSL_PASSWORD, "keysecret")
                .option(Option.valueOf("sslMode"), "bogus").build()))
                .hasMessageNotContaining("topsecret").hasMessageNotContaining("keysecret");
        assertThatThrownBy(() -> from(ConnectionFactoryOptions.builder()
                .option(Option.<Object>valueOf("password"), 42).build()))
                .hasMessageContaining("'password'").hasMessageNotContaining("42");
    }

    @Test
    void rotatingPasswordIsAskedAtEachConnect() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<CharSequence> rotating = () -> "pw" + calls.incrementAndGet();
        PgConnectionConfiguration c = from(ConnectionFactoryOptions.builder()
                .option(Option.<Object>valueOf("password"), rotating).build());
        StepVerifier.create(c.password().password().map(String::new)).expectNext("pw1").verifyComplete();
        StepVerifier.create(c.password().password().map(String::new)).expectNext("pw2").verifyComplete();
        PgConnectionConfiguration p = from(ConnectionFactoryOptions.builder()
                .option(Option.<Object>valueOf("password"), Mono.fromSupplier(rotating)).build());
        StepVerifier.create(p.password().password().map(String::new)).expectNext("pw3").verifyComplete();
    }

    @Test
    void ignoresOptionsItDoesNotKnow() {
        assertThat(fromUrl("r2dbc:postgresql://h/db?somePoolOption=1").hosts())
                .containsExactly(new HostAndPort("h", 5432));
    }
}
