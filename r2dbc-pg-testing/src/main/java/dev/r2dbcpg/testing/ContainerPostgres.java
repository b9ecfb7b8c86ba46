package dev.r2dbcpg.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * A {@code postgres:<major>} container through Testcontainers, configured like the embedded server
 * (TLS with the fixture's CA, its {@code pg_hba.conf}, logical WAL, prepared transactions).
 *
 * <p>This class is loaded only when Testcontainers is on the class path.
 */
final class ContainerPostgres implements PostgresServer {

    private static final String CONF_DIR = "/etc/r2dbcpg";
    private static final String SUPERUSER_PASSWORD = "postgres";

    private final GenericContainer<?> container;
    private final int major;
    private final Path tlsDir;

    private ContainerPostgres(GenericContainer<?> container, int major, Path tlsDir) {
        this.container = container;
        this.major = major;
        this.tlsDir = tlsDir;
    }

    /** Whether a Docker engine answers. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Starts a container of the given major; Testcontainers removes it when the JVM exits. */
    static ContainerPostgres start(int major) {
        Path tls;
        try {
            tls = Files.createTempDirectory("r2dbc-pg-container-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TlsMaterial.generate(tls);
        // The image's entrypoint runs as root: put the files in place with the server's ownership, then
        // hand over to the usual entrypoint, which initialises the cluster and drops to the postgres user.
        String script = "mkdir -p " + CONF_DIR + " && cp /tmp/r2dbcpg/* " + CONF_DIR + "/"
                + " && chown -R postgres:postgres " + CONF_DIR
                + " && chmod 600 " + CONF_DIR + "/" + TlsMaterial.SERVER_KEY_FILE
                + " && exec docker-entrypoint.sh postgres"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
                + " -c max_prepared_transactions=20 -c wal_level=logical -c password_encryption=scram-sha-256"
                + " -c ssl=on -c ssl_cert_file=" + CONF_DIR + "/" + TlsMaterial.SERVER_CERT_FILE
                + " -c ssl_key_file=" + CONF_DIR + "/" + TlsMaterial.SERVER_KEY_FILE
                + " -c ssl_ca_file=" + CONF_DIR + "/" + TlsMaterial.CA_FILE
                + " -c hba_file=" + CONF_DIR + "/pg_hba.conf";
        GenericContainer<?> container = new GenericContainer<>("postgres:" + major)
                .withEnv("POSTGRES_PASSWORD", SUPERUSER_PASSWORD)
                .withEnv("POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256")
                .withExposedPorts(5432)
                .withCopyToContainer(Transferable.of(ServerProvisioning.hbaConf(), 0644), "/tmp/r2dbcpg/pg_hba.conf")
                .withCommand("sh", "-c", script)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        for (String file : new String[] {TlsMaterial.CA_FILE, TlsMaterial.SERVER_CERT_FILE, TlsMaterial.SERVER_KEY_FILE}) {
            try {
                container.withCopyToContainer(Transferable.of(Files.readAllBytes(tls.resolve(file)), 0644),
                        "/tmp/r2dbcpg/" + file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        container.start();
        ContainerPostgres server = new ContainerPostgres(container, major, tls);
        ServerProvisioning.provision(server);
        return server;
    }

    @Override
    public Kind kind() {
        return Kind.CONTAINER;
    }

    @Override
    public String host() {
        String host = container.getHost();
        // The server certificate names localhost and 127.0.0.1: use a name it covers where we can.
        return "127.0.0.1".equals(host) ? "localhost" : host;
    }

    @Override
    public int port() {
        return container.getMappedPort(5432);
    }

    @Override
    public String database() {
        return "postgres";
    }

    @Override
    public Credentials superuser() {
        return new Credentials("postgres", SUPERUSER_PASSWORD);
    }

    @Override
    public Credentials user(AuthMethod method) {
        return new Credentials(method.user(), method.password());
    }

    @Override
    public boolean authMethodsConfigured() {
        return true;
    }

    @Override
    public Path caCertificate() {
        return tlsDir.resolve(TlsMaterial.CA_FILE);
    }

    @Override
    public int majorVersion() {
        return major;
    }

    @Override
    public String toString() {
        return "ContainerPostgres[" + major + " on " + Urls.hostPort(host(), port()) + "]";
    }
}
