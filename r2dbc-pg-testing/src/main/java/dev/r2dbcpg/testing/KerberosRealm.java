package dev.r2dbcpg.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A throwaway MIT Kerberos realm for tests: a KDC ({@code krb5kdc}) on a free port of 127.0.0.1 with
 * its database, principals and keytabs in a temporary directory, stopped (and the directory deleted) at JVM exit. It runs Debian's
 * {@code krb5-kdc} and {@code krb5-admin-server} programs (and {@code kinit}/{@code klist} from
 * {@code krb5-user}); where they are missing, {@link #unavailable()} says which package to install, so a
 * test can skip with that reason.
 *
 * <p>The realm has a service principal {@code postgres/localhost} and the user principal
 * {@value #USER}, each with a keytab. {@link #configure(PostgresServer)} lets a server the fixture
 * controls accept that user over GSSAPI. Starting the realm points this JVM's Kerberos at the realm's
 * {@code krb5.conf} ({@code java.security.krb5.conf}), so start it before anything else here uses Kerberos.
 */
public final class KerberosRealm {

    /** The realm's name. */
    public static final String REALM = "R2DBCPG.TEST";
    /** The user principal's name without realm, and the database role it logs in as. */
    public static final String USER = "r2dbcpg_gss";
    /** A principal the KDC knows, with a keytab, but without a database role. */
    public static final String STRANGER = "r2dbcpg_gss_stranger";
    /** A principal whose tickets live at most one second, for expired-ticket tests. */
    public static final String SHORT_LIVED = "r2dbcpg_gss_short";

    private static final String SERVICE = "postgres/localhost";
    private static final List<String> PROGRAMS = List.of("/usr/sbin/krb5kdc", "/usr/sbin/kdb5_util",
            "/usr/sbin/kadmin.local", "/usr/bin/kinit", "/usr/bin/klist");
    private static @Nullable KerberosRealm shared;

    private final Path dir;
    private final int port;
    private @Nullable Process kdc;

    private KerberosRealm(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * Tells why no realm can be started here, without starting anything.
     *
     * @return empty when the MIT Kerberos programs are installed; otherwise a sentence naming the missing
     *     program and the Debian packages that provide it, fit for a JUnit assumption's message
     */
    public static Optional<String> unavailable() {
        for (String program : PROGRAMS) {
            if (!Files.isExecutable(Path.of(program))) {
                return Optional.of("MIT Kerberos is not installed (" + program + " is missing): "
                        + "apt-get install krb5-kdc krb5-admin-server krb5-user");
            }
        }
        return Optional.empty();
    }

    /**
     * The realm of this JVM, created and started on first use, stopped at JVM exit.
     *
     * @throws IllegalStateException when the programs are missing ({@link #unavailable()}) or the KDC
     *     does not start
     */
    public static synchronized KerberosRealm shared() {
        if (shared == null) {
            unavailable().ifPresent(reason -> {
                throw new IllegalStateException(reason);
            });
            try {
                shared = create();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a Kerberos realm", e);
            }
        }
        return shared;
    }

    private static KerberosRealm create() throws IOException {
        Path dir = Files.createTempDirectory("r2dbc-pg-krb5-");
        // The server runs as an unprivileged user and must read its keytab inside this directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        KerberosRealm realm = new KerberosRealm(dir, freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(realm::stop, "r2dbc-pg-stop-kdc"));
        try {
            realm.writeConfiguration();
            realm.run("kdb5_util", "create", "-s", "-r", REALM, "-P", "r2dbcpg-master");
            realm.admin("addprinc -randkey " + SERVICE);
            realm.admin("addprinc -randkey " + USER);
            realm.admin("addprinc -randkey " + STRANGER);
            realm.admin("addprinc -randkey -maxlife 1s " + SHORT_LIVED);
            realm.admin("ktadd -k " + realm.serverKeytab() + " " + SERVICE);
            for (String user : List.of(USER, STRANGER, SHORT_LIVED)) {
                realm.admin("ktadd -k " + realm.keytab(user) + " " + user);
            }
            Files.setPosixFilePermissions(realm.serverKeytab(), PosixFilePermissions.fromString("rw-r--r--"));
            realm.startKdc();
            System.setProperty("java.security.krb5.conf", realm.krb5Conf().toString());
            return realm;
        } catch (RuntimeException | IOException e) {
            realm.stop();
            throw e;
        }
    }

    private void writeConfiguration() throws IOException {
        Files.writeString(dir.resolve("kdc.conf"), String.join("\n",
                "[kdcdefaults]",
                "  kdc_ports = " + port,
                "  kdc_tcp_ports = " + port,
                "[realms]",
                "  " + REALM + " = {",
                "    database_name = " + dir.resolve("principal"),
                "    key_stash_file = " + dir.resolve("stash"),
                "    acl_file = " + dir.resolve("kadm5.acl"),
                "    max_life = 1h",
                "    max_renewable_life = 0",
                "    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal",
                "  }",
                "[logging]",
                "  kdc = FILE:" + dir.resolve("kdc.log"),
                ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("kadm5.acl"), "", StandardCharsets.UTF_8);
        Files.writeString(krb5Conf(), String.join("\n",
                "[libdefaults]",
                "  default_realm = " + REALM,
                "  dns_lookup_kdc = false",
                "  dns_lookup_realm = false",
                "  dns_canonicalize_hostname = false",
                "  rdns = false",
                "  udp_preference_limit = 1",
                "  forwardable = false",
                "[realms]",
                "  " + REALM + " = {",
                "    kdc = 127.0.0.1:" + port,
                "  }",
                "[domain_realm]",
                "  localhost = " + REALM,
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(krb5Conf(), PosixFilePermissions.fromString("rw-r--r--"));
    }

    private void startKdc() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/krb5kdc", "-n", "-r", REALM)
                .redirectErrorStream(true).redirectOutput(dir.resolve("krb5kdc.out").toFile());
        environment(pb.environment());
        kdc = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!kdc.isAlive()) {
                throw new IllegalStateException("krb5kdc exited with " + kdc.exitValue() + ": " + log("krb5kdc.out"));
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                try {
                    kdc.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while starting krb5kdc", e);
                }
            }
        }
        throw new IllegalStateException("krb5kdc did not listen on port " + port + " within 10 s: " + log("krb5kdc.out"));
    }

    private void environment(Map<String, String> env) {
        env.put("KRB5_CONFIG", krb5Conf().toString());
        env.put("KRB5_KDC_PROFILE", dir.resolve("kdc.conf").toString());
    }

    private void admin(String query) {
        run("kadmin.local", "-r", REALM, "-q", query);
    }

    /**
     * Runs a Kerberos program ({@code kinit}, {@code klist}, {@code kadmin.local} ...) with this realm's
     * configuration in its environment and waits for it, at most 30 s.
     *
     * @param program the program's name, looked up in {@code /usr/sbin} and {@code /usr/bin}
     * @param args its arguments
     * @return the program's exit status
     */
    public int runProgram(String program, String... args) {
        Path path = Files.isExecutable(Path.of("/usr/sbin", program)) ? Path.of("/usr/sbin", program) : Path.of("/usr/bin", program);
        List<String> command = new ArrayList<>();
        command.add(path.toString());
        command.addAll(List.of(args));
        Path out = dir.resolve(program + ".out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        environment(pb.environment());
        try {
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 30 s");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    private void run(String program, String... args) {
        int status = runProgram(program, args);
        if (status != 0) {
            throw new IllegalStateException(program + " " + String.join(" ", args) + " failed with " + status + ": "
                    + log(program + ".out"));
        }
    }

    /**
     * Makes a credential cache for {@code principal} with {@code kinit -k -t}, as a user would.
     *
     * @param principal a principal of this realm without the realm ({@link #USER} ...)
     * @param extraArgs further {@code kinit} options, for example {@code "-l", "1s"}
     * @return the cache's file, a fresh one in the realm's directory
     */
    public Path kinit(String principal, String... extraArgs) {
        Path cache;
        try {
            cache = Files.createTempFile(dir, "ccache-" + principal + "-", "");
            Files.delete(cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("-c", "FILE:" + cache, "-k", "-t", keytab(principal).toString()));
        args.addAll(List.of(extraArgs));
        args.add(principal + "@" + REALM);
        run("kinit", args.toArray(String[]::new));
        return cache;
    }

    /**
     * Lets {@code server} accept {@link #USER} over GSSAPI on {@code host} connections from 127.0.0.1 and ::1
     * ({@code include_realm=0}), with this realm's service keytab as {@code krb_server_keyfile}: it adds
     * the role, puts the rule first in {@code pg_hba.conf} and reloads. Idempotent.
     *
     * @param server a server the fixture runs ({@link PostgresFixture#system(int)}, built with GSSAPI)
     * @throws IllegalStateException when the server rejects the configuration
     */
    public synchronized void configure(PostgresServer server) {
        server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER + "') THEN "
                        + "CREATE ROLE " + USER + " LOGIN; END IF; END $$",
                "ALTER SYSTEM SET krb_server_keyfile = '" + serverKeytab() + "'");
        String users = USER + "," + SHORT_LIVED + "," + STRANGER;
        String rule = "host all " + users + " 127.0.0.1/32 gss include_realm=0\n"
                + "host all " + users + " ::1/128 gss include_realm=0";
        try (Connection c = server.openJdbc(); Statement s = c.createStatement()) {
            Path hba;
            try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = Path.of(rs.getString(1));
            }
            String current = Files.readString(hba, StandardCharsets.UTF_8);
            if (!current.contains(rule)) {
                Files.writeString(hba, rule + "\n" + current, StandardCharsets.UTF_8);
            }
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot configure GSSAPI on " + server + ": " + e.getMessage(), e);
        }
    }

    /** The realm's {@code krb5.conf}, which this JVM's {@code java.security.krb5.conf} names. */
    public Path krb5Conf() {
        return dir.resolve("krb5.conf");
    }

    /** The keytab of the service principal {@code postgres/localhost}. */
    public Path serverKeytab() {
        return dir.resolve("postgres.keytab");
    }

    /** The keytab of a user principal ({@link #USER}, {@link #STRANGER}, {@link #SHORT_LIVED}). */
    public Path keytab(String principal) {
        return dir.resolve(principal + ".keytab");
    }

    /** {@code principal@REALM}. */
    public String principal(String name) {
        return name + "@" + REALM;
    }

    /** The KDC's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    private String log(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    private synchronized void stop() {
        Process p = kdc;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // The realm's keys and tickets are throwaway: leave nothing of them behind.
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort at JVM exit
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "KerberosRealm[" + REALM + " on 127.0.0.1:" + port + " in " + dir + "]";
    }
}
