package dev.r2dbcpg.client.backup;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.core.config.HostAndPort;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * pg_dump and pg_restore (psql for plain dumps) of one database, run as child processes: pycopg's
 * {@code pg_dump} / {@code pg_restore}. Connection details come from a {@link PgConnectionConfiguration}
 * (its first host, port, user, database, password and sslmode), handed to the tools through libpq's
 * environment variables ({@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code PGDATABASE},
 * {@code PGPASSWORD}, {@code PGSSLMODE}): nothing of them is on the command line, which other users of the
 * machine can read. The tools run with {@code --no-password}, so they never wait for a prompt.
 *
 * <p>Each call first asks the server its version (one connection), finds a tool of that major or newer
 * ({@link BackupOptions#toolDirectory()}, else {@code /usr/lib/postgresql/<major>/bin} and {@code PATH}),
 * and runs it on {@code Schedulers.boundedElastic()}: no event-loop thread waits. The tool's output is
 * logged line by line (SLF4J logger {@code dev.r2dbcpg.client.backup.PgBackup}, at INFO) and a failed run
 * (exit status not 0) fails with {@link PgToolException} carrying the status and the last lines of stderr.
 * Cancelling the Mono destroys the process.
 */
public final class PgBackup {

    private static final Logger LOG = LoggerFactory.getLogger(PgBackup.class);
    /** Lines of stderr kept for the error of a failed run. */
    private static final int STDERR_LINES = 20;

    private final PgConnectionConfiguration configuration;

    private PgBackup(PgConnectionConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Dumps and restores the database {@code configuration} connects to. */
    public static PgBackup of(PgConnectionConfiguration configuration) {
        return new PgBackup(Objects.requireNonNull(configuration, "configuration"));
    }

    /**
     * Runs pg_dump into {@code target}: a file for the custom and plain formats, a directory (that must not
     * exist yet) for the directory format.
     *
     * @return completes when pg_dump exited with status 0; fails with {@link IllegalStateException} when no
     *     recent enough pg_dump is found, {@link PgToolException} when it fails
     */
    public Mono<Void> pgDump(Path target, BackupOptions options) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        return run("pg_dump", options, dumpArguments(target, options));
    }

    /**
     * Restores {@code source} into the configured database: a directory or a custom archive with
     * pg_restore, a plain SQL file with psql ({@code ON_ERROR_STOP}, in one transaction). For plain files,
     * only {@link BackupOptions#toolDirectory()} applies (the script says what it does).
     */
    public Mono<Void> pgRestore(Path source, BackupOptions options) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        return Mono.fromCallable(() -> isPlainScript(source)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(plain -> plain
                        ? run("psql", options, List.of("--no-psqlrc", "--quiet", "--single-transaction",
                                "--set=ON_ERROR_STOP=1", "--file=" + source))
                        : run("pg_restore", options, restoreArguments(source, options)));
    }

    static List<String> dumpArguments(Path target, BackupOptions options) {
        List<String> args = new ArrayList<>();
        args.add("--format=" + options.format().option);
        args.add("--file=" + target);
        common(args, options);
        options.excludeTables().forEach(t -> args.add("--exclude-table=" + t));
        return args;
    }

    static List<String> restoreArguments(Path source, BackupOptions options) {
        List<String> args = new ArrayList<>();
        common(args, options);
        // without --dbname pg_restore writes SQL to stdout; the name itself comes from PGDATABASE
        args.add("--dbname=");
        args.add(source.toString());
        return args;
    }

    private static void common(List<String> args, BackupOptions options) {
        args.add("--no-password");
        args.add("--verbose");
        if (options.clean()) {
            args.add("--clean");
            args.add("--if-exists");
        }
        if (options.schemaOnly()) {
            args.add("--schema-only");
        }
        if (options.dataOnly()) {
            args.add("--data-only");
        }
        if (options.noOwner()) {
            args.add("--no-owner");
        }
        if (options.jobs() > 1) {
            args.add("--jobs=" + options.jobs());
        }
        options.tables().forEach(t -> args.add("--table=" + t));
    }

    /** A file that is not a custom archive ({@code PGDMP}) nor a directory is taken as an SQL script. */
    private static boolean isPlainScript(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(source)) {
            byte[] magic = in.readNBytes(5);
            return !Arrays.equals(magic, "PGDMP".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private Mono<Void> run(String toolName, BackupOptions options, List<String> arguments) {
        return serverMajor()
                .zipWith(password())
                .publishOn(Schedulers.boundedElastic())
                .flatMap(serverAndPassword -> {
                    PgTools.Tool tool = PgTools.find(toolName, serverAndPassword.getT1(), options.toolDirectory());
                    List<String> command = new ArrayList<>(arguments.size() + 1);
                    command.add(tool.path().toString());
                    command.addAll(arguments);
                    return execute(command, environment(serverAndPassword.getT2()));
                });
    }

    /** libpq's variables for the configuration; the password only when there is one. */
    Map<String, String> environment(String password) {
        HostAndPort host = configuration.hosts().get(0);
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PGHOST", host.isUnixSocket() ? host.unixSocketPath() : host.host());
        env.put("PGPORT", Integer.toString(host.port()));
        env.put("PGUSER", configuration.user());
        env.put("PGDATABASE", configuration.database());
        env.put("PGSSLMODE", configuration.sslMode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        env.put("PGAPPNAME", configuration.applicationName());
        if (!password.isEmpty()) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    private Mono<Integer> serverMajor() {
        PgConnectionFactory factory = PgConnectionFactory.create(configuration);
        return Mono.usingWhen(factory.create(),
                c -> Flux.from(c.createStatement("SELECT current_setting('server_version_num')::int4 / 10000").execute())
                        .flatMap(r -> r.map(row -> row.get(0, Integer.class))).single(),
                PgConnection::close);
    }

    private Mono<String> password() {
        if (configuration.password() == null) {
            return Mono.just("");
        }
        return configuration.password().password().map(chars -> {
            String text = new String(chars);
            Arrays.fill(chars, '\0');
            return text;
        }).defaultIfEmpty("");
    }

    private static Mono<Void> execute(List<String> command, Map<String, String> env) {
        return Mono.<Void>create(sink -> {
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(env);
            String name = Path.of(command.get(0)).getFileName().toString();
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                sink.error(new PgToolException(name + " could not be started: " + e.getMessage(), -1, List.of()));
                return;
            }
            sink.onCancel(process::destroy);
            try {
                process.getOutputStream().close();
                Thread stdout = new Thread(() -> log(name, process.getInputStream(), null), name + "-stdout");
                stdout.setDaemon(true);
                stdout.start();
                Deque<String> lastLines = new ArrayDeque<>();
                log(name, process.getErrorStream(), lastLines);
                int status = process.waitFor();
                stdout.join();
                if (status == 0) {
                    sink.success();
                } else {
                    sink.error(new PgToolException(name + " exited with status " + status + ": "
                            + String.join("\n", lastLines), status, List.copyOf(lastLines)));
                }
            } catch (IOException e) {
                process.destroy();
                sink.error(new PgToolException(name + " failed: " + e.getMessage(), -1, List.of()));
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                sink.error(new PgToolException(name + " was interrupted", -1, List.of()));
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static void log(String name, InputStream stream, @Nullable Deque<String> keep) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                LOG.info("{}: {}", name, line);
                if (keep != null) {
                    keep.addLast(line);
                    if (keep.size() > STDERR_LINES) {
                        keep.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: output ended: {}", name, e.toString());
        }
    }
}
