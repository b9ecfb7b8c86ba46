package dev.r2dbcpg.client.backup;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Finds a PostgreSQL client tool whose major version is at least the server's (pg_dump refuses a newer
 * server; pg_restore and psql of an older major may not know the archive or the server's syntax): in the
 * caller's tool directory only, when one is given; otherwise in {@code /usr/lib/postgresql/<major>/bin}
 * (Debian's layout, the server's major first, then newer ones) and on {@code PATH}. Blocking: called off
 * the event loop.
 */
final class PgTools {

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");

    private PgTools() {
    }

    /** A tool found and its version. */
    record Tool(Path path, int major, String version) {
    }

    /**
     * @throws IllegalStateException naming what was looked at and found, and what is needed, when no
     *     candidate is recent enough
     */
    static Tool find(String name, int serverMajor, @Nullable Path toolDirectory) {
        List<Path> candidates = candidates(name, serverMajor, toolDirectory);
        List<String> found = new ArrayList<>();
        Tool best = null;
        for (Path candidate : candidates) {
            Tool tool = version(candidate);
            found.add(candidate + " (" + (tool == null ? "no version answer" : tool.version()) + ")");
            if (tool != null && tool.major() >= serverMajor && (best == null || tool.major() < best.major())) {
                best = tool;
            }
        }
        if (best != null) {
            return best;
        }
        String where = toolDirectory != null ? "in " + toolDirectory : "on PATH or in " + DEBIAN_ROOT + "/<major>/bin";
        throw new IllegalStateException(name + " " + serverMajor + " or newer is needed for the server (PostgreSQL "
                + serverMajor + "); " + (found.isEmpty() ? "found no " + name + " " + where
                        : "found only " + String.join(", ", found))
                + ". Install the client tools of PostgreSQL " + serverMajor + " (Debian: postgresql-client-"
                + serverMajor + ") or name their directory with BackupOptions.toolDirectory");
    }

    private static List<Path> candidates(String name, int serverMajor, @Nullable Path toolDirectory) {
        Set<Path> paths = new LinkedHashSet<>();
        if (toolDirectory != null) {
            addIfExecutable(paths, toolDirectory.resolve(name));
            return List.copyOf(paths);
        }
        addIfExecutable(paths, DEBIAN_ROOT.resolve(Integer.toString(serverMajor)).resolve("bin").resolve(name));
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> majors = Files.list(DEBIAN_ROOT)) {
                majors.sorted().forEach(dir -> addIfExecutable(paths, dir.resolve("bin").resolve(name)));
            } catch (IOException e) {
                // an unreadable directory has no candidates; PATH is still searched
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    addIfExecutable(paths, Path.of(dir).resolve(name));
                }
            }
        }
        return List.copyOf(paths);
    }

    private static void addIfExecutable(Set<Path> paths, Path file) {
        if (Files.isRegularFile(file) && Files.isExecutable(file)) {
            try {
                paths.add(file.toRealPath());
            } catch (IOException e) {
                paths.add(file);
            }
        }
    }

    /** Runs {@code tool --version}; null when it does not answer like a PostgreSQL tool within 10 seconds. */
    static @Nullable Tool version(Path tool) {
        try {
            Process process = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return parse(tool, out);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)}; 9.6 and older have a two-part major. */
    static @Nullable Tool parse(Path tool, String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) {
            return null;
        }
        int first = Integer.parseInt(m.group(1));
        String version = m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2);
        return new Tool(tool, first, version);
    }
}
