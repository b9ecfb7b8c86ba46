package dev.r2dbcpg.core;

import dev.r2dbcpg.core.auth.GssClient;
import dev.r2dbcpg.core.auth.Md5Password;
import dev.r2dbcpg.core.auth.ScramClient;
import dev.r2dbcpg.core.config.AuthMethod;
import dev.r2dbcpg.core.config.ChannelBinding;
import dev.r2dbcpg.core.config.GssCredentials;
import dev.r2dbcpg.core.error.PgAuthenticationException;
import dev.r2dbcpg.core.protocol.AuthenticationResponse;
import dev.r2dbcpg.core.protocol.Authenticator;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * Answers one connection's authentication requests with the configured password: cleartext, MD5,
 * SCRAM-SHA-256 and SCRAM-SHA-256-PLUS (channel binding to the server's TLS certificate); and GSSAPI
 * (Kerberos) with the configured credentials, for the service {@code krbsrvname@host} of the host it
 * connects to. It enforces libpq's {@code require_auth} and {@code channel_binding} rules, and runs SCRAM's
 * key derivation and the Kerberos login and first context step on a worker thread, never on the event loop. The password is zeroed once authentication is over, and
 * never appears in a message.
 */
final class PgAuthenticator implements Authenticator {

    private final String user;
    private char @Nullable [] password;
    private final Set<AuthMethod> requireAuth;
    private final ChannelBinding channelBinding;
    private final int scramMaxIterations;
    private final @Nullable X509Certificate serverCertificate;
    private final GssTarget gssTarget;
    private @Nullable ScramClient scram;
    private volatile @Nullable GssClient gss;
    private @Nullable AuthMethod used;

    /** Where GSSAPI authentication goes: {@code krbsrvname@host}, with these credentials. */
    record GssTarget(GssCredentials credentials, String serviceName, String host) {
    }

    PgAuthenticator(String user, char @Nullable [] password, Set<AuthMethod> requireAuth, ChannelBinding channelBinding,
            int scramMaxIterations, Optional<X509Certificate> serverCertificate, GssTarget gssTarget) {
        this.user = user;
        this.password = password;
        this.requireAuth = requireAuth;
        this.channelBinding = channelBinding;
        this.scramMaxIterations = scramMaxIterations;
        this.serverCertificate = serverCertificate.orElse(null);
        this.gssTarget = gssTarget;
    }

    @Override
    public CompletionStage<AuthenticationResponse> onAuthenticationRequest(int code, byte[] data) {
        try {
            return switch (code) {
                case CLEARTEXT_PASSWORD -> {
                    begin(AuthMethod.PASSWORD);
                    yield CompletableFuture.completedFuture(AuthenticationResponse.password(utf8(requirePassword())));
                }
                case MD5_PASSWORD -> {
                    begin(AuthMethod.MD5);
                    yield CompletableFuture.completedFuture(
                            AuthenticationResponse.password(Md5Password.encode(user, requirePassword(), data)));
                }
                case GSS -> {
                    begin(AuthMethod.GSS);
                    clearPassword();
                    // The JAAS login reads files and the first step asks the KDC for a ticket: not on the event loop.
                    yield offEventLoop(this::gssInitial);
                }
                case GSS_CONTINUE -> CompletableFuture.completedFuture(gssToken(requireGss().step(data)));
                // Creating the SCRAM client seeds a SecureRandom, which may read /dev/random: not on the event loop.
                case SASL -> offEventLoop(() -> saslInitial(data));
                case SASL_CONTINUE -> saslContinue(data);
                case SASL_FINAL -> {
                    requireScram().verifyServerFinal(data);
                    clearPassword();
                    yield CompletableFuture.completedFuture(AuthenticationResponse.none());
                }
                default -> throw new PgAuthenticationException("The server asked for an authentication method r2dbc-pg "
                        + "does not support (AuthenticationRequest " + code + ")");
            };
        } catch (RuntimeException e) {
            clearPassword();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The method the server used, or null when it asked for none (trust). */
    @Nullable AuthMethod methodUsed() {
        return used;
    }

    /**
     * Checks, after AuthenticationOk, what libpq checks: that a required method was used at all, and that
     * channel binding happened when it is required.
     */
    void verifyCompleted() {
        clearPassword();
        GssClient client = gss;
        if (client != null) {
            boolean established = client.established();
            client.dispose();
            if (!established) {
                throw new PgAuthenticationException("The server accepted GSSAPI authentication before it proved its "
                        + "identity (mutual authentication incomplete for " + gssTarget.serviceName() + "@"
                        + gssTarget.host() + ")");
            }
        }
        if (used == null && !requireAuth.isEmpty() && !requireAuth.contains(AuthMethod.NONE)) {
            throw new PgAuthenticationException("The server did not ask for authentication, but requireAuth="
                    + requireAuth + " demands it");
        }
        if (channelBinding == ChannelBinding.REQUIRE
                && (scram == null || !ScramClient.SCRAM_SHA_256_PLUS.equals(scram.mechanism()))) {
            throw new PgAuthenticationException("channelBinding=require, but the server authenticated without "
                    + "SCRAM-SHA-256-PLUS channel binding");
        }
    }

    private AuthenticationResponse gssInitial() {
        GssClient client = GssClient.start(gssTarget.credentials(), gssTarget.serviceName(), gssTarget.host());
        gss = client;
        return gssToken(client.step(new byte[0]));
    }

    private static AuthenticationResponse gssToken(byte @Nullable [] token) {
        return token == null ? AuthenticationResponse.none() : AuthenticationResponse.gss(token);
    }

    private GssClient requireGss() {
        GssClient client = gss;
        if (client == null) {
            throw new PgAuthenticationException("The server continued a GSSAPI exchange that was never started");
        }
        return client;
    }

    private AuthenticationResponse saslInitial(byte[] data) {
        List<String> mechanisms = mechanisms(data);
        boolean bindingAvailable = serverCertificate != null && channelBinding != ChannelBinding.DISABLE;
        ScramClient.ChannelBindingPolicy policy = switch (channelBinding) {
            case DISABLE -> ScramClient.ChannelBindingPolicy.DISABLE;
            case PREFER -> ScramClient.ChannelBindingPolicy.PREFER;
            case REQUIRE -> ScramClient.ChannelBindingPolicy.REQUIRE;
        };
        String mechanism = ScramClient.selectMechanism(mechanisms, bindingAvailable, policy);
        if (mechanism == null) {
            throw new PgAuthenticationException("No acceptable SASL mechanism: the server offers " + mechanisms
                    + (channelBinding == ChannelBinding.REQUIRE ? " and channelBinding=require needs "
                            + ScramClient.SCRAM_SHA_256_PLUS + " over TLS" : ""));
        }
        begin(AuthMethod.SCRAM_SHA_256);
        byte[] bindingData = null;
        if (ScramClient.SCRAM_SHA_256_PLUS.equals(mechanism)) {
            bindingData = ScramClient.tlsServerEndPointHash(serverCertificate);
        }
        ScramClient client = ScramClient.create(requirePassword(), ScramClient.gs2For(mechanism, bindingAvailable, policy),
                bindingData, scramMaxIterations);
        scram = client;
        return AuthenticationResponse.saslInitial(client.mechanism(), client.clientFirstMessage());
    }

    private CompletionStage<AuthenticationResponse> saslContinue(byte[] serverFirst) {
        ScramClient client = requireScram();
        // PBKDF2 with a server-chosen iteration count: never on the event loop.
        return offEventLoop(() -> AuthenticationResponse.sasl(client.clientFinalMessage(serverFirst)));
    }

    private CompletionStage<AuthenticationResponse> offEventLoop(java.util.function.Supplier<AuthenticationResponse> work) {
        CompletableFuture<AuthenticationResponse> answer = new CompletableFuture<>();
        Schedulers.boundedElastic().schedule(() -> {
            try {
                answer.complete(work.get());
            } catch (RuntimeException e) {
                clearPassword();
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private void begin(AuthMethod method) {
        if (!requireAuth.isEmpty() && !requireAuth.contains(method)) {
            throw new PgAuthenticationException("The server asked for " + method + " authentication, which requireAuth="
                    + requireAuth + " does not allow");
        }
        if (channelBinding == ChannelBinding.REQUIRE && method != AuthMethod.SCRAM_SHA_256) {
            throw new PgAuthenticationException("channelBinding=require, but the server asked for " + method
                    + " authentication");
        }
        used = method;
    }

    private char[] requirePassword() {
        char[] pw = password;
        if (pw == null) {
            throw new PgAuthenticationException("The server asked for a password for user \"" + user
                    + "\", but none was configured (password option, PGPASSWORD or a passfile entry)");
        }
        return pw;
    }

    private ScramClient requireScram() {
        ScramClient client = scram;
        if (client == null) {
            throw new PgAuthenticationException("The server continued a SASL exchange that was never started");
        }
        return client;
    }

    private void clearPassword() {
        char[] pw = password;
        if (pw != null) {
            Arrays.fill(pw, '\0');
            password = null;
        }
    }

    private static List<String> mechanisms(byte[] data) {
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                if (i == start) {
                    break;
                }
                names.add(new String(data, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return names;
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
