package dev.r2dbcpg.bench;

import dev.r2dbcpg.testing.PostgresFixture;
import dev.r2dbcpg.testing.PostgresServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;

/**
 * {@code java -jar r2dbc-pg-bench.jar quick|full [JMH options]}: starts the embedded PostgreSQL (or uses
 * {@code PG_TEST_URL}), prepares the tables once, runs every workload with the profile's iteration counts and
 * {@code -prof gc} (W1 to W6 in one JMH run, then W7 in a second with the profile's decode iterations and
 * families), then writes {@code bench-results/<timestamp>.md} (and the JMH JSON of both runs beside it) and prints
 * the table. JMH options after the profile override it, for example {@code W3Stream -p driver=r2dbc-pg -prof jfr}.
 * Any benchmark that fails, including a wrong result, fails the run.
 */
public final class BenchMain {

    /** W7's benchmark names, as a JMH include or exclude pattern. */
    private static final String DECODE = "dev\\.r2dbcpg\\.bench\\.W7Decode\\.";

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException, CommandLineOptionException {
        if (args.length == 0 || !(args[0].equals("quick") || args[0].equals("full"))) {
            System.err.println("usage: bench/run quick|full [JMH options, e.g. W1PointSelect -p driver=r2dbc-pg]");
            System.exit(2);
        }
        Profile profile = Profile.parse(args[0]);
        CommandLineOptions cli = new CommandLineOptions(Arrays.copyOfRange(args, 1, args.length));

        PostgresServer server = PostgresFixture.shared();
        BenchDatabase db = BenchDatabase.of(server);
        System.out.println("Preparing the benchmark tables on " + db.host() + ":" + db.port() + " ...");
        db.prepare();

        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Path.of("bench-results");
        Files.createDirectories(dir);
        Path json = dir.resolve(stamp + ".json");

        // Two passes, because JMH's iteration settings are global: W1 to W6, then W7 with its own (see Profile).
        ChainedOptionsBuilder workloads = pass(cli, server, profile.workloads).exclude(DECODE);
        if (cli.getIncludes().isEmpty()) {
            workloads.include("dev\\.r2dbcpg\\.bench\\.W.*");
            profile.excludes.forEach(workloads::exclude);
        }
        ChainedOptionsBuilder decode = pass(cli, server, profile.decode);
        if (cli.getIncludes().isEmpty()) {
            decode.include(DECODE);
        } else {
            decode.exclude("^dev\\.r2dbcpg\\.bench\\.(?!W7Decode\\.)");
        }
        if (!cli.getParameter("family").hasValue() && !profile.decodeFamilies.isEmpty()) {
            decode.param("family", profile.decodeFamilies.toArray(String[]::new));
        }
        if (!cli.getParameter("driver").hasValue() && !profile.decodeDrivers.isEmpty()) {
            decode.param("driver", profile.decodeDrivers.toArray(String[]::new));
        }

        List<RunResult> results = new ArrayList<>();
        List<String> iterations = new ArrayList<>();
        Map<String, Options> passes = new LinkedHashMap<>();
        passes.put("W1–W6", workloads.build());
        passes.put("W7", decode.build());
        for (Map.Entry<String, Options> pass : passes.entrySet()) {
            if (selectsNothing(pass.getValue())) {
                continue;
            }
            results.addAll(new Runner(pass.getValue()).run());
            iterations.add(pass.getKey() + ": " + describe(pass.getValue()));
        }
        if (iterations.isEmpty()) {
            System.err.println("No benchmark matches " + cli.getIncludes());
            System.exit(2);
        }
        // JMH writes no result file unless asked (-rf/-rff), so the passes' results go to one JSON file here.
        ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(results);
        String report = report(profile, iterations, server, measurements(results));
        Path markdown = dir.resolve(stamp + ".md");
        Files.writeString(markdown, report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.println("Written to " + markdown + " (JMH JSON: " + json + ")");
    }

    /** The options of one pass: the command line's, then the profile's iterations where the command line has none. */
    private static ChainedOptionsBuilder pass(CommandLineOptions cli, PostgresServer server, Profile.Iterations it) {
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli)
                .shouldFailOnError(true)
                .jvmArgsAppend(jvmArgs(cli, server));
        if (!cli.getForkCount().hasValue()) {
            options.forks(it.forks());
        }
        if (!cli.getWarmupIterations().hasValue()) {
            options.warmupIterations(it.warmupIterations());
        }
        if (!cli.getWarmupTime().hasValue()) {
            options.warmupTime(it.warmupTime());
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            options.measurementIterations(it.measurementIterations());
        }
        if (!cli.getMeasurementTime().hasValue()) {
            options.measurementTime(it.measurementTime());
        }
        if (cli.getProfilers().stream().noneMatch(p -> p.getKlass().equals(GCProfiler.class.getName())
                || p.getKlass().equals("gc"))) {
            options.addProfiler(GCProfiler.class);
        }
        return options;
    }

    /** True when the pass's includes and excludes select no benchmark (JMH would fail the run). */
    private static boolean selectsNothing(Options pass) {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        return BenchmarkList.defaultList().find(silent, pass.getIncludes(), pass.getExcludes()).isEmpty();
    }

    private static String describe(Options pass) {
        return pass.getForkCount().get() + " fork(s) × (" + pass.getWarmupIterations().get() + " × "
                + pass.getWarmupTime().get() + " warm-up + " + pass.getMeasurementIterations().get() + " × "
                + pass.getMeasurementTime().get() + " measured)";
    }

    /** The forks reach the server this JVM started, and run without Netty's leak sampling. */
    private static String[] jvmArgs(CommandLineOptions cli, PostgresServer server) {
        List<String> args = new ArrayList<>(List.of(
                "-Dpg.test.url=" + server.postgresqlUrl(),
                "-Xms2g", "-Xmx2g",
                "-Dio.netty.leakDetection.level=disabled",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        cli.getJvmArgsAppend().orElse(List.of()).forEach(args::add);
        return args.toArray(String[]::new);
    }

    static List<Measurement> measurements(Collection<RunResult> results) {
        List<Measurement> measurements = new ArrayList<>();
        for (RunResult run : results) {
            String benchmark = run.getParams().getBenchmark();
            String[] parts = benchmark.split("\\.");
            // A W7 family or a W4ClientBulk method is part of the workload, not a driver.
            String variant = run.getParams().getParam("family");
            if (variant == null) {
                variant = run.getParams().getParam("method");
            }
            String workload = parts[parts.length - 2] + (variant == null ? "" : "/" + variant);
            String driver = run.getParams().getParam("driver");
            Result<?> primary = run.getPrimaryResult();
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            measurements.add(new Measurement(workload, driver == null ? "?" : driver, primary.getScore(),
                    primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()));
        }
        return measurements;
    }

    private static String report(Profile profile, List<String> iterations, PostgresServer server,
            List<Measurement> measurements) {
        return "# r2dbc-pg benchmarks, " + profile.name().toLowerCase(Locale.ROOT) + " profile, "
                + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "\n\n"
                + "Machine: " + machine() + "\n\n"
                + "Server: PostgreSQL " + serverVersion(server) + " (" + server.kind().name().toLowerCase(Locale.ROOT)
                + "), TCP on " + server.host() + ", no TLS.\n\n"
                + "Iterations: " + String.join("; ", iterations)
                + "; scores are JMH means, ± the 99.9% confidence half-width where JMH gives one.\n\n"
                + ResultTable.render(measurements);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the OS and the core count below still say something
        }
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize() >> 30;
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs available to the JVM, "
                + (memory < 0 ? "" : memory + " GiB RAM, ") + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    private static String serverVersion(PostgresServer server) {
        try (Connection c = BenchDatabase.of(server).admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return Integer.toString(server.majorVersion());
        }
    }
}
