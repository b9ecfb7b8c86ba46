package dev.r2dbcpg.core;

import dev.r2dbcpg.core.engine.QueryExecutor;
import dev.r2dbcpg.core.engine.StatementCache;
import dev.r2dbcpg.core.engine.TypeDiscovery;
import dev.r2dbcpg.core.client.ConnectSettings;
import dev.r2dbcpg.core.client.PgClient;
import dev.r2dbcpg.core.client.TlsSettings;
import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.config.HostAndPort;
import dev.r2dbcpg.core.config.LoadBalanceHosts;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.core.config.TargetSessionAttrs;
import dev.r2dbcpg.core.error.PgErrorDetails;
import dev.r2dbcpg.core.error.PgExceptionFactory;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * Makes connections to PostgreSQL from one {@link PgConnectionConfiguration}. Tries the configured hosts
 * in order (or shuffled, with {@code loadBalanceHosts=random}) until one accepts the connection and
 * matches {@code targetSessionAttrs}. The codec registry is shared by every connection it makes, so a
 * codec registered here applies to all of them.
 */
public final class PgConnectionFactory implements ConnectionFactory {

    private static final ConnectionFactoryMetadata METADATA = () -> "PostgreSQL";

    private final PgConnectionConfiguration configuration;
    private final CodecRegistry codecs;
    private final TypeDiscovery discovery;
    private final PgTypes types;

    private PgConnectionFactory(PgConnectionConfiguration configuration, CodecRegistry codecs) {
        this.configuration = configuration;
        this.codecs = codecs;
        this.discovery = new TypeDiscovery(codecs);
        this.types = new PgTypes(this, discovery);
    }

    /** A factory for the given configuration, with the built-in codecs. */
    public static PgConnectionFactory create(PgConnectionConfiguration configuration) {
        if (configuration == null) {
            throw new IllegalArgumentException("Configuration must not be null");
        }
        return new PgConnectionFactory(configuration, CodecRegistry.defaults());
    }

    /**
     * A factory for the given configuration that shares {@code codecs} (for example those of another factory, so
     * that codecs registered there keep applying after the connect arguments change).
     */
    public static PgConnectionFactory create(PgConnectionConfiguration configuration, CodecRegistry codecs) {
        if (configuration == null || codecs == null) {
            throw new IllegalArgumentException("Configuration and codecs must not be null");
        }
        return new PgConnectionFactory(configuration, codecs);
    }

    /** The configuration connections are made from. */
    public PgConnectionConfiguration configuration() {
        return configuration;
    }

    /** The codecs every connection of this factory uses; codecs registered here apply to all of them. */
    public CodecRegistry codecs() {
        return codecs;
    }

    /**
     * The types of this factory's databases: user codecs, Java enums and records for PostgreSQL enums
     * and composite types, and {@link PgTypes#reloadSchemaState()} after DDL. Types no codec knows
     * are looked up from {@code pg_type} on first sight and cached here, for every connection.
     *
     * @return the type registry of this factory
     */
    public PgTypes types() {
        return types;
    }

    @Override
    public Mono<PgConnection> create() {
        return Mono.defer(() -> {
            List<HostAndPort> hosts = new ArrayList<>(configuration.hosts());
            if (configuration.loadBalanceHosts() == LoadBalanceHosts.RANDOM) {
                Collections.shuffle(hosts);
            }
            TargetSessionAttrs target = configuration.targetSessionAttrs();
            if (target == TargetSessionAttrs.PREFER_STANDBY) {
                return tryHosts(hosts, TargetSessionAttrs.STANDBY)
                        .onErrorResume(e -> tryHosts(hosts, TargetSessionAttrs.ANY));
            }
            return tryHosts(hosts, target);
        });
    }

    /**
     * Tries the hosts one after another. (Not {@code Flux.next()}: cancelling the winning attempt's
     * publisher after its value would close the connection it just opened.)
     */
    private Mono<PgConnection> tryHosts(List<HostAndPort> hosts, TargetSessionAttrs target) {
        return tryHost(hosts, 0, target, new ArrayList<>());
    }

    private Mono<PgConnection> tryHost(List<HostAndPort> hosts, int index, TargetSessionAttrs target,
            List<Throwable> failures) {
        if (index >= hosts.size()) {
            return Mono.error(failure(hosts, failures));
        }
        return connect(hosts.get(index), target).onErrorResume(e -> {
            failures.add(e);
            return tryHost(hosts, index + 1, target, failures);
        });
    }

    private static Throwable failure(List<HostAndPort> hosts, List<Throwable> failures) {
        if (failures.size() == 1 && hosts.size() == 1) {
            return failures.get(0);
        }
        StringBuilder message = new StringBuilder("Could not connect to any of ").append(hosts.size()).append(" hosts");
        for (int i = 0; i < failures.size(); i++) {
            message.append(i == 0 ? ": " : "; ").append(hosts.get(i)).append(": ").append(failures.get(i).getMessage());
        }
        R2dbcNonTransientResourceException e = new R2dbcNonTransientResourceException(message.toString());
        failures.forEach(e::addSuppressed);
        return e;
    }

    private Mono<PgConnection> connect(HostAndPort host, TargetSessionAttrs target) {
        return configuration.passwordFor(host).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(password -> {
                    AtomicReference<PgAuthenticator> authenticator = new AtomicReference<>();
                    ConnectSettings settings = settings(host, certificate -> {
                        PgAuthenticator a = new PgAuthenticator(configuration.user(), password.map(char[]::clone).orElse(null),
                                configuration.requireAuth(), configuration.channelBinding(),
                                configuration.scramMaxIterations(), certificate, new PgAuthenticator.GssTarget(
                                        configuration.gssCredentials(), configuration.krbsrvname(), host.host()));
                        authenticator.set(a);
                        return a;
                    });
                    return PgClient.connect(settings).doFinally(signal -> password.ifPresent(pw -> java.util.Arrays.fill(pw, '\0')))
                            .flatMap(client -> {
                        try {
                            PgAuthenticator a = authenticator.get();
                            if (a != null) {
                                a.verifyCompleted();
                            }
                        } catch (RuntimeException e) {
                            return client.close().then(Mono.error(e));
                        }
                        return initialize(client, target);
                    });
                });
    }

    private ConnectSettings settings(HostAndPort host,
            java.util.function.Function<Optional<java.security.cert.X509Certificate>, dev.r2dbcpg.core.protocol.Authenticator> authenticator) {
        Map<String, String> options = new HashMap<>(configuration.startupParameters());
        options.remove("user");
        options.remove("database");
        options.remove("application_name");
        dev.r2dbcpg.core.config.TlsSettings tls = configuration.tls();
        char[] keyPassword = tls.sslPassword();
        TlsSettings clientTls = new TlsSettings(tls.sslMode(), tls.sslRootCert(), tls.sslCert(), tls.sslKey(),
                keyPassword == null ? null : new String(keyPassword), null,
                tls.sslNegotiation() == dev.r2dbcpg.core.config.SslNegotiation.DIRECT, tls.sslSni());
        return new ConnectSettings(host.host(), host.port(), configuration.user(), configuration.database(),
                configuration.applicationName(), options, configuration.maxProtocolVersion().code(), clientTls,
                configuration.connectTimeout(), configuration.silentServerTimeout(), configuration.maxMessageSize(),
                configuration.pipelineLimit(), authenticator,
                fields -> PgExceptionFactory.create(PgErrorDetails.of(fields), null)).withTcp(configuration.tcp());
    }

    /**
     * Checks the session against {@code target} with libpq's rules and reads the default isolation level.
     * PostgreSQL 14+ reports {@code in_hot_standby} and {@code default_transaction_read_only} in
     * ParameterStatus, so a host is rejected before any query; older servers answer the same query that
     * reads the isolation level ({@code pg_is_in_recovery()}, {@code transaction_read_only}).
     */
    private Mono<PgConnection> initialize(PgClient client, TargetSessionAttrs target) {
        StatementCache cache = new StatementCache(configuration.statements().statementCacheSize(),
                configuration.statements().maxCachedStatementLifetime(),
                configuration.statements().maxCacheableStatementSize());
        QueryExecutor executor = new QueryExecutor(client, discovery, cache, fields -> { });
        String hotStandby = client.serverParameters().get("in_hot_standby");
        String defaultReadOnly = client.serverParameters().get("default_transaction_read_only");
        boolean reported = hotStandby != null && defaultReadOnly != null;
        if (reported && !matches(target, "on".equals(hotStandby), "on".equals(defaultReadOnly))) {
            return rejected(client, target, "on".equals(hotStandby), "on".equals(defaultReadOnly));
        }
        String sql = reported ? "SELECT current_setting('default_transaction_isolation')"
                : "SELECT current_setting('default_transaction_isolation'), pg_is_in_recovery()::text, "
                        + "current_setting('transaction_read_only')";
        return executor.simple(sql)
                .concatMap(result -> result.map((row, metadata) -> reported ? new String[] {row.get(0, String.class)}
                        : new String[] {row.get(0, String.class), row.get(1, String.class), row.get(2, String.class)}))
                .single()
                .flatMap(facts -> {
                    if (!reported) {
                        // bool::text is 'true'/'false' (not the output form 't'/'f').
                        boolean standby = "true".equals(facts[1]);
                        boolean readOnly = "on".equals(facts[2]);
                        if (!matches(target, standby, readOnly)) {
                            return rejected(client, target, standby, readOnly);
                        }
                    }
                    return Mono.just(new PgConnection(executor, configuration.validationTimeout(),
                            configuration.statements().fetchSize(), PgConnection.isolationLevel(facts[0])));
                })
                .onErrorResume(e -> client.close().onErrorResume(x -> Mono.empty()).then(Mono.error(e)));
    }

    private static Mono<PgConnection> rejected(PgClient client, TargetSessionAttrs target, boolean standby,
            boolean readOnly) {
        return client.close().onErrorResume(x -> Mono.empty()).then(Mono.error(new R2dbcNonTransientResourceException(
                "the server is " + (standby ? "a hot standby" : "not in hot standby") + (readOnly ? ", read-only" : "")
                        + ", which target_session_attrs=" + target + " does not accept")));
    }

    private static boolean matches(TargetSessionAttrs target, boolean standby, boolean readOnly) {
        return switch (target) {
            case ANY, PREFER_STANDBY -> true;
            // libpq: a server in hot standby counts as read-only whatever default_transaction_read_only says.
            case READ_WRITE -> !readOnly && !standby;
            case READ_ONLY -> readOnly || standby;
            case PRIMARY -> !standby;
            case STANDBY -> standby;
        };
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return METADATA;
    }

    @Override
    public String toString() {
        return "PgConnectionFactory[" + configuration + "]";
    }
}
