package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * StartupMessage and authentication up to the first ReadyForQuery. Authentication requests are
 * answered by an {@link Authenticator}; while its answer is pending the conversation waits (the
 * server sends nothing until it gets the answer). ParameterStatus messages are handled by the
 * connection, not here.
 */
public final class Startup extends Conversation {

    /**
     * What the session start established.
     *
     * @param backendKeyData cancellation key; null if the server sent none
     * @param protocolMinorVersion 0 or 2: the minor protocol version in use after negotiation
     * @param unrecognizedOptions protocol options ({@code _pq_.*}) the server did not recognize
     */
    public record Result(@Nullable BackendKeyData backendKeyData, int protocolMinorVersion,
            List<String> unrecognizedOptions) {
    }

    private enum State { AUTHENTICATING, AWAITING_AUTHENTICATOR, AUTHENTICATED, FAILED, DONE }

    private final int protocolVersion;
    private final String user;
    private final @Nullable String database;
    private final @Nullable String applicationName;
    private final Map<String, String> options;
    private final Authenticator authenticator;
    private final Function<Map<Character, String>, ? extends Throwable> errorFactory;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private State state = State.AUTHENTICATING;
    private @Nullable BackendKeyData backendKeyData;
    private int protocolMinorVersion;
    private List<String> unrecognizedOptions = List.of();

    /**
     * @param protocolVersion {@link FrontendWriter#PROTOCOL_3_0} or {@link FrontendWriter#PROTOCOL_3_2}
     * @param options further startup parameters (e.g. {@code search_path}, {@code options})
     * @param errorFactory turns the fields of a startup ErrorResponse (bad password, unknown
     *     database, ...) into the exception the connect attempt fails with
     */
    public Startup(int protocolVersion, String user, @Nullable String database, @Nullable String applicationName,
            Map<String, String> options, Authenticator authenticator,
            Function<Map<Character, String>, ? extends Throwable> errorFactory) {
        this.protocolVersion = protocolVersion;
        this.user = user;
        this.database = database;
        this.applicationName = applicationName;
        this.options = Map.copyOf(options);
        this.authenticator = authenticator;
        this.errorFactory = errorFactory;
        this.protocolMinorVersion = protocolVersion & 0xffff;
    }

    /** Completes at the first ReadyForQuery, or exceptionally on any failure. */
    public CompletionStage<Result> result() {
        return result;
    }

    @Override
    public void encode(ByteBuf out) {
        FrontendWriter.writeStartupMessage(out, protocolVersion, user, database, applicationName, options);
    }

    @Override
    protected String state() {
        return state.name();
    }

    @Override
    protected void onFailure(Throwable error) {
        state = State.FAILED;
        result.completeExceptionally(error);
    }

    @Override
    protected void onNegotiateProtocolVersion(ByteBuf body) {
        if (state != State.AUTHENTICATING) {
            throw unexpected(BackendMessages.NEGOTIATE_PROTOCOL_VERSION);
        }
        // The protocol says "newest minor version"; servers before 18 send the whole version code
        // (3 << 16 | minor) there, so keep the low 16 bits either way.
        int newestMinor = body.readInt() & 0xffff;
        if (newestMinor > (protocolVersion & 0xffff)) {
            throw new R2dbcNonTransientResourceException("Server offered protocol 3." + newestMinor
                    + " although 3." + (protocolVersion & 0xffff) + " was requested");
        }
        protocolMinorVersion = newestMinor;
        int n = body.readInt();
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(BackendMessages.readCString(body));
        }
        unrecognizedOptions = List.copyOf(names);
    }

    @Override
    protected void onAuthentication(ByteBuf body) {
        if (state != State.AUTHENTICATING) {
            throw unexpected(BackendMessages.AUTHENTICATION);
        }
        int code = body.readInt();
        switch (code) {
            case 0 -> state = State.AUTHENTICATED;
            case Authenticator.CLEARTEXT_PASSWORD, Authenticator.MD5_PASSWORD, Authenticator.GSS,
                    Authenticator.GSS_CONTINUE, Authenticator.SASL,
                    Authenticator.SASL_CONTINUE, Authenticator.SASL_FINAL -> {
                byte[] data = new byte[body.readableBytes()];
                body.readBytes(data);
                state = State.AWAITING_AUTHENTICATOR;
                CompletionStage<AuthenticationResponse> answer;
                try {
                    answer = authenticator.onAuthenticationRequest(code, data);
                } catch (RuntimeException e) {
                    answer = CompletableFuture.failedFuture(e);
                }
                answer.whenComplete((response, error) -> transport().execute(() -> onAnswer(response, error)));
            }
            default -> throw new R2dbcNonTransientResourceException(
                    "Server requested authentication method " + code + " (" + methodName(code)
                            + "), which this driver does not support");
        }
    }

    private void onAnswer(@Nullable AuthenticationResponse response, @Nullable Throwable error) {
        if (isFinished() || state != State.AWAITING_AUTHENTICATOR) {
            return;
        }
        if (error != null || response == null) {
            fail(error != null ? error : new R2dbcNonTransientResourceException("Authenticator returned no answer"));
            return;
        }
        state = State.AUTHENTICATING;
        byte[] data = response.data;
        switch (response.kind) {
            case NONE -> {
                return;
            }
            case PASSWORD -> write(out -> FrontendWriter.writePasswordMessage(out, data), data.length + 6);
            case SASL_INITIAL -> write(out -> FrontendWriter.writeSASLInitialResponse(out, response.mechanism, data),
                    data.length + 40);
            case SASL -> write(out -> FrontendWriter.writeSASLResponse(out, data), data.length + 5);
        }
    }

    private void write(java.util.function.Consumer<ByteBuf> writer, int estimate) {
        ByteBuf out = transport().alloc().ioBuffer(estimate);
        try {
            writer.accept(out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        transport().write(out);
    }

    private static String methodName(int code) {
        return switch (code) {
            case 2 -> "KerberosV5";
            case 6 -> "SCMCredential";
            case 7 -> "GSS";
            case 8 -> "GSSContinue";
            case 9 -> "SSPI";
            default -> "unknown";
        };
    }

    @Override
    protected void onBackendKeyData(ByteBuf body) {
        if (state != State.AUTHENTICATED) {
            throw unexpected(BackendMessages.BACKEND_KEY_DATA);
        }
        backendKeyData = BackendMessages.parseBackendKeyData(body);
    }

    @Override
    protected void onErrorResponse(Map<Character, String> fields) {
        // The server closes the connection after a startup error; no ReadyForQuery follows.
        fail(errorFactory.apply(fields));
    }

    @Override
    protected void onReadyForQuery(char transactionStatus) {
        if (state != State.AUTHENTICATED) {
            throw unexpected(BackendMessages.READY_FOR_QUERY);
        }
        state = State.DONE;
        result.complete(new Result(backendKeyData, protocolMinorVersion, unrecognizedOptions));
    }
}
