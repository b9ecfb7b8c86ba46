package dev.r2dbcpg.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL binaries started by the fixture (the bundled ones, or the operating system's: see
 * {@link ServerBinaries}): {@code initdb} into a throwaway data directory, then
 * {@code postgres} on a free port, configured for the project's tests (TLS, a user per auth method,
 * {@code wal_level=logical}, prepared transactions, {@code fsync=off}).
 *
 * <p>PostgreSQL refuses to run as root. When the JVM runs as root, every server command runs through
 * {@code setpriv} as {@code nobody}, and the data, socket and TLS files are owned by that user. Where
 * {@code setpriv} exists the server is also started with a parent-death signal, so that it stops even
 * when the JVM is killed; a shutdown hook stops it on an orderly exit.
 */
final class EmbeddedPostgres implements PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String SUPERUSER = "postgres";
    private static final String SUPERUSER_PASSWORD = "postgres";
    private static final String DATABASE = "postgres";

    private final int major;
    private final ServerBinaries binaries;
    private final Path runDir;
    private final Path dataDir;
    private final @Nullable String runAs;
    private final boolean setpriv;
    private int port;
    private @Nullable Process postmaster;
    /** Settings given on the postmaster's command line (a standby's own socket directory). */
    private final List<String> commandLineSettings = new ArrayList<>();

    private EmbeddedPostgres(ServerBinaries binaries) {
        this.major = binaries.major();
        this.binaries = binaries;
        this.setpriv = Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv"));
        this.runAs = isRoot() ? "nobody" : null;
        try {
            this.runDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "r2dbc-pg-" + major + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.dataDir = runDir.resolve("data");
    }

    /** Initialises and starts a server from the bundled binaries of {@code major}; stops it at JVM exit. */
    static EmbeddedPostgres start(int major) {
        return start(ServerBinaries.embedded(major));
    }

    /** Initialises and starts a server from {@code binaries}; stops it at JVM exit. */
    static EmbeddedPostgres start(ServerBinaries binaries) {
        sweepStaleRunDirectories();
        EmbeddedPostgres server = new EmbeddedPostgres(binaries);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "r2dbc-pg-stop-" + binaries.major()));
        try {
            server.initdb();
            server.launch();
            ServerProvisioning.provision(server);
            return server;
        } catch (RuntimeException | Error e) {
            server.stop();
            throw e;
        }
    }

    /**
     * Starts a streaming hot standby of {@code primary}. The bundled binaries have no
     * {@code pg_basebackup}, so the base backup is the low-level one: a physical replication slot (which
     * keeps the WAL from before the backup), {@code pg_backup_start}, a copy of the data directory without
     * its WAL, {@code pg_backup_stop} (whose label becomes {@code backup_label}), then
     * {@code standby.signal} and {@code primary_conninfo}; the standby streams the WAL it needs. It runs on
     * its own port and socket directory and stops at JVM exit.
     */
    static EmbeddedPostgres startStandby(EmbeddedPostgres primary) {
        EmbeddedPostgres standby = new EmbeddedPostgres(primary.binaries);
        Runtime.getRuntime().addShutdownHook(new Thread(standby::stop, "r2dbc-pg-stop-standby-" + primary.major));
        try {
            Files.createDirectories(standby.runDir.resolve("sock"));
            String slot = "r2dbcpg_" + standby.runDir.getFileName().toString().replaceAll("[^0-9]", "");
            primary.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            boolean modern = primary.major >= 15;
            try (java.sql.Connection c = primary.openJdbc(); java.sql.Statement st = c.createStatement()) {
                st.execute(modern ? "SELECT pg_backup_start('r2dbc-pg standby', true)"
                        : "SELECT pg_start_backup('r2dbc-pg standby', true, false)");
                copyDataDirectory(primary.dataDir, standby.dataDir);
                try (java.sql.ResultSet rs = st.executeQuery(modern ? "SELECT labelfile FROM pg_backup_stop(false)"
                        : "SELECT labelfile FROM pg_stop_backup(false, false)")) {
                    rs.next();
                    Files.writeString(standby.dataDir.resolve("backup_label"), rs.getString(1));
                }
            }
            Files.writeString(standby.dataDir.resolve("standby.signal"), "");
            Files.writeString(standby.dataDir.resolve("postgresql.conf"), String.join("\n", "",
                    "# r2dbc-pg test fixture: streaming standby",
                    "primary_conninfo = 'host=localhost port=" + primary.port + " user=" + SUPERUSER + " password="
                            + SUPERUSER_PASSWORD + " sslmode=disable application_name=" + slot + "'",
                    "primary_slot_name = '" + slot + "'",
                    "hot_standby = on",
                    "unix_socket_directories = '" + standby.runDir.resolve("sock") + "'", ""),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            EmbeddedBinaries.openUp(standby.runDir);
            Files.setPosixFilePermissions(standby.dataDir, PosixFilePermissions.fromString("rwx------"));
            standby.chownTree(standby.runDir);
            standby.launch();
            return standby;
        } catch (IOException e) {
            standby.stop();
            throw new UncheckedIOException("Cannot set up a standby in " + standby.runDir, e);
        } catch (java.sql.SQLException e) {
            standby.stop();
            throw new IllegalStateException("Cannot take a base backup of " + primary.jdbcUrl(), e);
        } catch (RuntimeException | Error e) {
            standby.stop();
            throw e;
        }
    }

    /**
     * Copies a running server's data directory for a base backup: not its WAL (streamed instead), its
     * replication slots, or the running postmaster's files; files that vanish while copying are skipped.
     */
    private static void copyDataDirectory(Path from, Path to) throws IOException {
        Set<String> skipped = Set.of("postmaster.pid", "postmaster.opts", "pg_internal.init");
        try (var paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                Path target = to.resolve(relative.toString());
                String top = relative.getNameCount() > 0 ? relative.getName(0).toString() : "";
                boolean contentsSkipped = (top.equals("pg_wal") || top.equals("pg_replslot"))
                        && relative.getNameCount() > 1 && !relative.toString().equals("pg_wal/archive_status");
                if (contentsSkipped || skipped.contains(source.getFileName().toString())) {
                    continue;
                }
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // a temporary file the server removed meanwhile
                }
            }
        }
    }

    /** {@code pg_ctl promote}: ends recovery; returns once the server accepts read-write sessions. */
    void promote() {
        run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "promote", "-w", "-t", "60"), runDir.resolve("promote.log"));
    }

    private void initdb() {
        try {
            Files.createDirectories(runDir.resolve("sock"));
            Path pwfile = runDir.resolve("pwfile");
            Files.writeString(pwfile, SUPERUSER_PASSWORD + "\n");
            Path tls = runDir.resolve("tls");
            Files.createDirectories(tls);
            TlsMaterial.generate(tls);
            EmbeddedBinaries.openUp(runDir);
            Files.setPosixFilePermissions(tls.resolve(TlsMaterial.SERVER_KEY_FILE), PosixFilePermissions.fromString("rw-------"));
            chownTree(runDir);
            run(List.of(bin("initdb"), "-D", dataDir.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                    "-E", "UTF8", "--locale=C", "--auth=trust", "--no-sync"), runDir.resolve("initdb.log"));
            Files.writeString(dataDir.resolve("pg_hba.conf"), ServerProvisioning.hbaConf(), StandardCharsets.UTF_8);
            Files.writeString(dataDir.resolve("pg_ident.conf"), ServerProvisioning.identConf(), StandardCharsets.UTF_8);
            Files.writeString(dataDir.resolve("postgresql.conf"), serverConf(tls), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot initialise a PostgreSQL data directory in " + runDir, e);
        }
    }

    private String serverConf(Path tls) {
        return String.join("\n",
                "",
                "# r2dbc-pg test fixture",
                "listen_addresses = 'localhost'",
                "unix_socket_directories = '" + runDir.resolve("sock") + "'",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "max_connections = 300",
                "shared_buffers = 128MB",
                "max_prepared_transactions = 20",
                "wal_level = logical",
                "max_wal_senders = 10",
                "max_replication_slots = 10",
                "password_encryption = 'scram-sha-256'",
                "ssl = on",
                "ssl_cert_file = '" + tls.resolve(TlsMaterial.SERVER_CERT_FILE) + "'",
                "ssl_key_file = '" + tls.resolve(TlsMaterial.SERVER_KEY_FILE) + "'",
                "ssl_ca_file = '" + tls.resolve(TlsMaterial.CA_FILE) + "'",
                "log_min_messages = warning",
                "log_connections = off",
                "")
                + "\n";
    }

    /**
     * Starts {@code postgres} from a dedicated thread that lives as long as the JVM: a parent-death
     * signal fires when the launching thread ends, so that thread must not be a pool thread.
     */
    private void launch() {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            port = freePort();
            CompletableFuture<Process> started = new CompletableFuture<>();
            Thread launcher = new Thread(() -> {
                try {
                    List<String> cmd = new ArrayList<>(List.of(bin("postgres"), "-D", dataDir.toString(), "-p",
                            Integer.toString(port)));
                    cmd.addAll(commandLineSettings);
                    Process p = command(cmd, true).redirectErrorStream(true).redirectOutput(runDir.resolve("postgres.log").toFile())
                            .start();
                    started.complete(p);
                    p.waitFor();
                } catch (IOException e) {
                    started.completeExceptionally(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "r2dbc-pg-postmaster-" + major);
            launcher.setDaemon(true);
            launcher.start();
            try {
                postmaster = started.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start postgres from " + binaries.home(), e);
            }
            if (awaitReady(postmaster)) {
                LOG.info("PostgreSQL {} ({}, {}) listening on localhost:{}, data in {}", major, binaries.release(),
                        binaries.home(), port, dataDir);
                return;
            }
            last = new IllegalStateException("PostgreSQL " + major + " did not start on port " + port + ":\n" + logTail());
            postmaster.destroyForcibly();
        }
        throw last;
    }

    private boolean awaitReady(Process process) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if (Files.isReadable(pidFile)) {
                    List<String> lines = Files.readAllLines(pidFile);
                    // Line 8 of postmaster.pid is the postmaster's status: "ready" once it accepts
                    // connections, "standby" once a hot standby does.
                    if (lines.size() >= 8 && (lines.get(7).trim().equals("ready") || lines.get(7).trim().equals("standby"))) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // the file is being rewritten: look again
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return false;
    }

    /**
     * Deletes the directories of servers whose JVM was killed (no shutdown hook ran): those without a
     * live postmaster and older than a few minutes, so that a JVM still initialising is left alone.
     */
    private static void sweepStaleRunDirectories() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long cutoff = System.currentTimeMillis() - Duration.ofMinutes(5).toMillis();
        try (var dirs = Files.newDirectoryStream(tmp, "r2dbc-pg-[0-9][0-9]-*")) {
            for (Path dir : dirs) {
                Path pidFile = dir.resolve("data").resolve("postmaster.pid");
                boolean live = false;
                if (Files.isReadable(pidFile)) {
                    String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
                    live = !first.isEmpty() && ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
                }
                if (!live && Files.getLastModifiedTime(dir).toMillis() < cutoff) {
                    EmbeddedBinaries.deleteRecursively(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot sweep stale server directories in {}: {}", tmp, e.getMessage());
        }
    }

    /** Stops the server (fast shutdown) and deletes its directory. Safe to call more than once. */
    synchronized void stop() {
        Process p = postmaster;
        postmaster = null;
        if (p != null && p.isAlive()) {
            try {
                run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "stop", "-m", "fast", "-w", "-t", "30"),
                        runDir.resolve("pg_ctl-stop.log"));
            } catch (RuntimeException e) {
                LOG.warn("pg_ctl stop failed, killing postgres: {}", e.getMessage());
            }
            if (!waitFor(p, 30)) {
                p.destroyForcibly();
                waitFor(p, 10);
            }
        }
        try {
            EmbeddedBinaries.deleteRecursively(runDir);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", runDir, e.getMessage());
        }
    }

    /** The postmaster's process id, or -1 when it is not running. */
    long pid() {
        Process p = postmaster;
        return p == null ? -1 : p.pid();
    }

    private static boolean waitFor(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run(List<String> cmd, Path log) {
        try {
            Process p = command(cmd, false).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd.get(0) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n"
                        + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + cmd.get(0), e);
        }
    }

    private ProcessBuilder command(List<String> cmd, boolean parentDeathSignal) {
        List<String> full = new ArrayList<>();
        if (setpriv && (runAs != null || parentDeathSignal)) {
            full.add("setpriv");
            if (parentDeathSignal) {
                full.add("--pdeathsig=INT");
            }
            if (runAs != null) {
                full.add("--reuid=" + runAs);
                full.add("--regid=" + groupOf(runAs));
                full.add("--clear-groups");
            }
        } else if (runAs != null) {
            full.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).directory(runDir.toFile());
        Path libraries = binaries.libraryPath();
        if (libraries != null) {
            pb.environment().put("LD_LIBRARY_PATH", libraries.toString());
        }
        pb.environment().put("LC_ALL", "C");
        return pb;
    }

    private String bin(String name) {
        return binaries.program(name).toString();
    }

    private void chownTree(Path root) throws IOException {
        if (runAs == null) {
            return;
        }
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(runAs);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(groupOf(runAs));
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }

    private static String groupOf(String user) {
        try {
            Process p = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
            String group = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !group.isEmpty()) {
                return group;
            }
        } catch (IOException e) {
            // fall through to the Debian default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "nogroup";
    }

    private static boolean isRoot() {
        try {
            Path probe = Files.createTempFile("r2dbc-pg-uid", ".probe");
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(probe, "unix:uid"));
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(runDir.resolve("postgres.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public Kind kind() {
        return Kind.EMBEDDED;
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String database() {
        return DATABASE;
    }

    @Override
    public Credentials superuser() {
        return new Credentials(SUPERUSER, SUPERUSER_PASSWORD);
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
    public Path socketDirectory() {
        return runDir.resolve("sock");
    }

    @Override
    public String peerUser() {
        return ServerProvisioning.PEER_USER;
    }

    @Override
    public Path caCertificate() {
        return runDir.resolve("tls").resolve(TlsMaterial.CA_FILE);
    }

    @Override
    public Path clientCertificate() {
        return runDir.resolve("tls").resolve(TlsMaterial.CLIENT_CERT_FILE);
    }

    @Override
    public Path clientKey() {
        return runDir.resolve("tls").resolve(TlsMaterial.CLIENT_KEY_FILE);
    }

    @Override
    public Path clientKeyEncrypted() {
        return runDir.resolve("tls").resolve(TlsMaterial.CLIENT_ENCRYPTED_KEY_FILE);
    }

    @Override
    public int majorVersion() {
        return major;
    }

    @Override
    public String toString() {
        return "EmbeddedPostgres[" + major + (binaries.bundled() ? "" : " (system)") + " on localhost:" + port + "]";
    }
}
