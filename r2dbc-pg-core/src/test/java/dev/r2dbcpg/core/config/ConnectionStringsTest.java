package dev.r2dbcpg.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ConnectionStringsTest {

    private static final PgEnvironment EMPTY = PgEnvironment.of(Map.of());

    private static PgConnectionConfiguration parse(String s) {
        return ConnectionStrings.parse(s).environment(EMPTY).build();
    }

    private static void assertPassword(PgConnectionConfiguration c, String expected) {
        StepVerifier.create(c.password().password().map(String::new)).expectNext(expected).verifyComplete();
    }

    @Test
    void parsesFullUrl() {
        PgConnectionConfiguration c = parse(
                "postgresql://alice:s3cret@db.example.com:5433/sales?sslmode=verify-full&application_name=app"
                        + "&connect_timeout=7&target_session_attrs=read-write&statementCacheSize=0");
        assertThat(c.hosts()).containsExactly(new HostAndPort("db.example.com", 5433));
        assertThat(c.user()).isEqualTo("alice");
        assertThat(c.database()).isEqualTo("sales");
        assertPassword(c, "s3cret");
        assertThat(c.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(c.applicationName()).isEqualTo("app");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.READ_WRITE);
        assertThat(c.statements().statementCacheSize()).isZero();
    }

    @Test
    void acceptsPostgresSchemeAndEmptyParts() {
        PgConnectionConfiguration c = parse("postgres://");
        assertThat(c.hosts()).containsExactly(new HostAndPort("localhost", 5432));
        assertThat(parse("postgres:///mydb").database()).isEqualTo("mydb");
        assertThat(parse("postgresql://h").hosts()).containsExactly(new HostAndPort("h", 5432));
    }

    @Test
    void parsesMultipleHostsWithOwnAndDefaultPorts() {
        PgConnectionConfiguration c = parse("postgresql://h1:5433,h2,[2001:db8::1]:5434/db");
        assertThat(c.hosts()).containsExactly(new HostAndPort("h1", 5433), new HostAndPort("h2", 5432),
                new HostAndPort("2001:db8::1", 5434));
    }

    @Test
    void parsesIpv6HostWithoutPort() {
        PgConnectionConfiguration c = parse("postgresql://[::1]/db");
        assertThat(c.hosts()).containsExactly(new HostAndPort("::1", 5432));
        assertThat(c.hosts().get(0)).hasToString("[::1]:5432");
    }

    @Test
    void percentDecodesEveryPart() {
        PgConnectionConfiguration c = parse(
                "postgresql://us%40er:p%3Aa%2Fs%40s%C3%A9@%2Fvar%2Frun%2Fpostgresql/my%20db?application_name=a%26b");
        assertThat(c.user()).isEqualTo("us@er");
        assertPassword(c, "p:a/s@sé");
        assertThat(c.hosts()).containsExactly(new HostAndPort("/var/run/postgresql", 5432));
        assertThat(c.hosts().get(0).isUnixSocket()).isTrue();
        assertThat(c.hosts().get(0).unixSocketPath()).isEqualTo("/var/run/postgresql/.s.PGSQL.5432");
        assertThat(c.database()).isEqualTo("my db");
        assertThat(c.applicationName()).isEqualTo("a&b");
    }

    @Test
    void queryParametersOverrideAuthority() {
        PgConnectionConfiguration c = parse("postgresql://h/db?host=other&port=6000&user=bob&dbname=x");
        assertThat(c.hosts()).containsExactly(new HostAndPort("other", 6000));
        assertThat(c.user()).isEqualTo("bob");
        assertThat(c.database()).isEqualTo("x");
    }

    @Test
    void rejectsUnknownQueryKeyByName() {
        assertThatThrownBy(() -> ConnectionStrings.parse("postgresql://h/db?sslmod=require"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid connection option \"sslmod\"");
        assertThatThrownBy(() -> ConnectionStrings.parse("host=h gssdelegation=1"))
                .hasMessageContaining("\"gssdelegation\" is not supported");
    }

    @Test
    void malformedUrlErrorsNeverShowThePassword() {
        assertThatThrownBy(() -> ConnectionStrings.parse("postgresql://u:hunter2%zz@h/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid percent-encoded token in URL password")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ConnectionStrings.parse("postgresql://u:hunter2@h:99999/db"))
                .hasMessage("invalid port number: \"99999\"");
        assertThatThrownBy(() -> ConnectionStrings.parse("postgresql://u:hunter2@[::1/db"))
                .hasMessageContaining("\"]\"").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ConnectionStrings.parse("postgresql://h/db?password"))
                .hasMessage("missing key/value separator \"=\" in URL query parameter");
        assertThatThrownBy(() -> ConnectionStrings.parse("postgresql://h/db?sslmode=hunter2"))
                .hasMessageContaining("sslmode").hasMessageContaining("verify-full");
    }

    @Test
    void parsesKeyValueStringWithQuotingAndEscapes() {
        PgConnectionConfiguration c = parse(
                "host=localhost port = 5433 dbname='my db' user=bob password='it\\'s \\\\ x' options='-c geqo=off'"
                        + " sslmode=require sslrootcert=/etc/ca.pem require_auth=scram-sha-256");
        assertThat(c.hosts()).containsExactly(new HostAndPort("localhost", 5433));
        assertThat(c.database()).isEqualTo("my db");
        assertPassword(c, "it's \\ x");
        assertThat(c.options()).isEqualTo("-c geqo=off");
        assertThat(c.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(c.tls().sslRootCert()).isEqualTo(Path.of("/etc/ca.pem"));
        assertThat(c.requireAuth()).containsExactly(AuthMethod.SCRAM_SHA_256);
    }

    @Test
    void keyValueHostAndPortListsPairUp() {
        PgConnectionConfiguration c = parse("host=a,b,::1 port=1,2,3");
        assertThat(c.hosts()).containsExactly(new HostAndPort("a", 1), new HostAndPort("b", 2),
                new HostAndPort("::1", 3));
        assertThat(parse("host=a,b port=7").hosts()).containsExactly(new HostAndPort("a", 7), new HostAndPort("b", 7));
        assertThatThrownBy(() -> parse("host=a,b,c port=1,2"))
                .hasMessage("could not match 2 port numbers to 3 hosts");
    }

    @Test
    void keyValueErrorsNameTheProblem() {
        assertThatThrownBy(() -> ConnectionStrings.parse("host=h password"))
                .hasMessage("missing \"=\" after \"password\" in connection info string");
        assertThatThrownBy(() -> ConnectionStrings.parse("password='hunter2"))
                .hasMessage("unterminated quoted string in connection info string");
        assertThatThrownBy(() -> ConnectionStrings.parse("host=h bogus=1"))
                .hasMessage("invalid connection option \"bogus\"");
        assertThatThrownBy(() -> ConnectionStrings.parse("port=abc"))
                .hasMessageContaining("'port'").hasMessageContaining("integer");
    }

    @Test
    void emptyValuesMeanUnset() {
        PgConnectionConfiguration c = parse("host='' user='' dbname=d");
        assertThat(c.hosts()).containsExactly(new HostAndPort("localhost", 5432));
        assertThat(c.database()).isEqualTo("d");
        assertThat(c.password()).isNull();
    }

    @Test
    void gssEncModeThatNeverEncryptsIsAccepted() {
        assertThat(parse("gssencmode=prefer host=h").hosts()).containsExactly(new HostAndPort("h", 5432));
        assertThat(parse("gssencmode=disable host=h").hosts()).containsExactly(new HostAndPort("h", 5432));
        assertThatThrownBy(() -> ConnectionStrings.parse("gssencmode=require"))
                .hasMessage("gssencmode=require: GSS encryption is not supported by r2dbc-pg (GSSAPI authentication "
                        + "is; encrypt with sslmode instead)");
    }

    @Test
    void gssOptionsUseLibpqNames() {
        PgConnectionConfiguration c = parse("host=h krbsrvname=pgsvc gsslib=gssapi gssCredentials=keytab:/etc/app.keytab:app@EX.COM");
        assertThat(c.krbsrvname()).isEqualTo("pgsvc");
        assertThat(c.gssCredentials()).hasToString("GssCredentials[app@EX.COM from keytab /etc/app.keytab]");
        assertThat(parse("host=h").krbsrvname()).isEqualTo("postgres");
        assertThat(parse("host=h").gssCredentials()).hasToString("GssCredentials[default credential cache]");
        assertThat(parse("postgresql://h/db?gssTicketCache=/tmp/cc").gssCredentials()).hasToString("GssCredentials[cache /tmp/cc]");
        assertThat(parse("postgresql://h/db?gssJaasEntry=pgjdbc").gssCredentials()).hasToString("GssCredentials[JAAS entry pgjdbc]");
        assertThatThrownBy(() -> ConnectionStrings.parse("host=h gsslib=sspi"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only \"gssapi\" is available");
        assertThatThrownBy(() -> ConnectionStrings.parse("host=h krbsrvname=postgres/h"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without host or realm");
        assertThatThrownBy(() -> ConnectionStrings.parse("host=h gssCredentials=/etc/app.keytab"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keytab:<path>:<principal>");
    }

    @Test
    void listsAllHostsInOrder() {
        assertThat(parse("postgresql://a:1,b:2,c:3").hosts()).extracting(HostAndPort::host)
                .isEqualTo(List.of("a", "b", "c"));
    }
}
