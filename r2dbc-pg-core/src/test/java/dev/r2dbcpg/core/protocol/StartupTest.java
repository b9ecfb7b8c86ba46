package dev.r2dbcpg.core.protocol;

import static dev.r2dbcpg.core.protocol.Backend.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StartupTest {

    private final FakeTransport transport = new FakeTransport();
    private final List<String> requests = new ArrayList<>();
    private final List<CompletableFuture<AuthenticationResponse>> answers = new ArrayList<>();

    private final Authenticator authenticator = (code, data) -> {
        requests.add(code + ":" + new String(data, StandardCharsets.UTF_8));
        CompletableFuture<AuthenticationResponse> answer = new CompletableFuture<>();
        answers.add(answer);
        return answer;
    };

    private Startup startup() {
        return new Startup(FrontendWriter.PROTOCOL_3_2, "bob", "db", null, Map.of(), authenticator,
                fields -> new R2dbcPermissionDeniedException(fields.get('M'), fields.get('C')));
    }

    @Test
    void completesWithTrustAuthentication() {
        Startup startup = startup();
        assertThat(transport.start(startup)).startsWith("000000").contains("00030002");
        FakeTransport.feed(startup, concat(authentication(0), backendKeyData(42, new byte[32]), readyForQuery('I')));
        Startup.Result result = startup.result().toCompletableFuture().getNow(null);
        assertThat(result.backendKeyData().processId()).isEqualTo(42);
        assertThat(result.backendKeyData().secretKey()).hasSize(32);
        assertThat(result.protocolMinorVersion()).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    @Test
    void acceptsDowngradeToProtocol30() {
        Startup startup = startup();
        transport.start(startup);
        FakeTransport.feed(startup, concat(message('v', b -> {
            b.writeInt(0).writeInt(1);
            Backend.cstring(b, "_pq_.x");
        }), authentication(0), backendKeyData(1, new byte[4]), readyForQuery('I')));
        Startup.Result result = startup.result().toCompletableFuture().getNow(null);
        assertThat(result.protocolMinorVersion()).isZero();
        assertThat(result.unrecognizedOptions()).containsExactly("_pq_.x");
    }

    @Test
    void acceptsTheWholeVersionCodeThatServersBefore18SendInNegotiateProtocolVersion() {
        Startup startup = startup();
        transport.start(startup);
        // PostgreSQL 13 to 17 put PG_PROTOCOL(3,0) = 196608 where the protocol now says "newest minor version".
        FakeTransport.feed(startup, concat(message('v', b -> b.writeInt(196608).writeInt(0)), authentication(0),
                backendKeyData(1, new byte[4]), readyForQuery('I')));
        Startup.Result result = startup.result().toCompletableFuture().getNow(null);
        assertThat(result.protocolMinorVersion()).isZero();
    }

    @Test
    void waitsForTheAuthenticatorBeforeAnsweringSasl() {
        Startup startup = startup();
        transport.start(startup);
        FakeTransport.feed(startup, authentication(Authenticator.SASL, "SCRAM-SHA-256\0\0".getBytes()));
        assertThat(requests).containsExactly("10:SCRAM-SHA-256\0\0");
        assertThat(transport.written).isEmpty();
        answers.get(0).complete(AuthenticationResponse.saslInitial("SCRAM-SHA-256", "abc".getBytes()));
        assertThat(transport.written).containsExactly("7000000019534352414d2d5348412d3235360000000003616263");
        FakeTransport.feed(startup, authentication(Authenticator.SASL_CONTINUE, "r=x".getBytes()));
        answers.get(1).complete(AuthenticationResponse.sasl("xyz".getBytes()));
        assertThat(transport.written).last().isEqualTo("700000000778797a");
        FakeTransport.feed(startup, authentication(Authenticator.SASL_FINAL, "v=y".getBytes()));
        answers.get(2).complete(AuthenticationResponse.none());
        assertThat(transport.written).hasSize(2);
        FakeTransport.feed(startup, concat(authentication(0), readyForQuery('I')));
        assertThat(startup.result().toCompletableFuture()).isCompleted();
    }

    @Test
    void answersGssAndGssContinueWithTheTokensInPasswordMessages() {
        Startup startup = startup();
        transport.start(startup);
        FakeTransport.feed(startup, authentication(Authenticator.GSS));
        assertThat(transport.written).isEmpty();
        answers.get(0).complete(AuthenticationResponse.gss(new byte[] {1, 2, 3}));
        assertThat(transport.written).containsExactly("7000000007010203");
        FakeTransport.feed(startup, authentication(Authenticator.GSS_CONTINUE, new byte[] {9}));
        assertThat(requests).last().isEqualTo("8:\t");
        answers.get(1).complete(AuthenticationResponse.none());   // the context is established: nothing to send
        assertThat(transport.written).hasSize(1);
        FakeTransport.feed(startup, concat(authentication(0), readyForQuery('I')));
        assertThat(startup.result().toCompletableFuture()).isCompleted();
    }

    @Test
    void answersMd5WithPasswordMessage() {
        Startup startup = startup();
        transport.start(startup);
        FakeTransport.feed(startup, authentication(Authenticator.MD5_PASSWORD, (byte) 1, (byte) 2, (byte) 3, (byte) 4));
        answers.get(0).complete(AuthenticationResponse.password("md5abc".getBytes()));
        assertThat(transport.written).containsExactly("700000000b6d6435616263" + "00");
    }

    @Test
    void failsWithTheFactoryExceptionOnStartupError() {
        Startup startup = startup();
        transport.start(startup);
        FakeTransport.feed(startup, fatal("28P01", "password authentication failed"));
        assertThat(startup.isFinished()).isTrue();
        assertThat(startup.result().toCompletableFuture()).isCompletedExceptionally();
        startup.result().whenComplete((r, e) -> assertThat(e).isInstanceOf(R2dbcPermissionDeniedException.class)
                .hasMessage("password authentication failed"));
    }

    @Test
    void failsWhenTheAuthenticatorFails() {
        Startup startup = startup();
        transport.start(startup);
        FakeTransport.feed(startup, authentication(Authenticator.CLEARTEXT_PASSWORD));
        answers.get(0).completeExceptionally(new IllegalStateException("no password"));
        assertThat(startup.isFinished()).isTrue();
        startup.result().whenComplete((r, e) -> assertThat(e).hasMessage("no password"));
    }

    @Test
    void refusesUnsupportedAuthenticationMethod() {
        Startup startup = startup();
        transport.start(startup);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FakeTransport.feed(startup, authentication(9)))
                .isInstanceOf(R2dbcNonTransientResourceException.class).hasMessageContaining("9 (SSPI)");
    }
}
