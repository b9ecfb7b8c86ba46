package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.config.AuthMethod;
import dev.r2dbcpg.core.config.ChannelBinding;
import dev.r2dbcpg.core.config.GssCredentials;
import dev.r2dbcpg.core.error.PgAuthenticationException;
import dev.r2dbcpg.core.protocol.Authenticator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The GSSAPI rules the authenticator checks before any Kerberos work: require_auth, channel binding, order. */
class PgAuthenticatorGssTest {

    private static PgAuthenticator authenticator(Set<AuthMethod> requireAuth, ChannelBinding binding) {
        return new PgAuthenticator("alice", null, requireAuth, binding, 1000, Optional.empty(),
                new PgAuthenticator.GssTarget(GssCredentials.defaultCache(), "postgres", "db.example.com"));
    }

    private static Throwable failure(PgAuthenticator a, int code, byte[] data) {
        return a.onAuthenticationRequest(code, data).toCompletableFuture().handle((r, e) -> e).join();
    }

    @Test
    void requireAuthWithoutGssRefusesTheRequestBeforeAnyLogin() {
        Throwable e = failure(authenticator(AuthMethod.parseRequireAuth("!gss"), ChannelBinding.PREFER), Authenticator.GSS,
                new byte[0]);
        assertThat(e).isInstanceOf(PgAuthenticationException.class)
                .hasMessageStartingWith("The server asked for gss authentication, which requireAuth=");
    }

    @Test
    void requiredChannelBindingRefusesGss() {
        Throwable e = failure(authenticator(Set.of(), ChannelBinding.REQUIRE), Authenticator.GSS, new byte[0]);
        assertThat(e).isInstanceOf(PgAuthenticationException.class)
                .hasMessage("channelBinding=require, but the server asked for gss authentication");
    }

    @Test
    void aContinueWithoutAStartIsRefused() {
        Throwable e = failure(authenticator(Set.of(), ChannelBinding.PREFER), Authenticator.GSS_CONTINUE, new byte[] {1});
        assertThat(e).isNotInstanceOf(CompletionException.class).isInstanceOf(PgAuthenticationException.class)
                .hasMessage("The server continued a GSSAPI exchange that was never started");
    }

    @Test
    void requireAuthGssRefusesAPasswordRequest() {
        Throwable e = failure(authenticator(AuthMethod.parseRequireAuth("gss"), ChannelBinding.PREFER),
                Authenticator.CLEARTEXT_PASSWORD, new byte[0]);
        assertThat(e).isInstanceOf(PgAuthenticationException.class)
                .hasMessageStartingWith("The server asked for password authentication, which requireAuth=");
    }
}
