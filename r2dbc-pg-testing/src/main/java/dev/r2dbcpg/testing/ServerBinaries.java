package dev.r2dbcpg.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The programs a fixture-controlled server runs: a directory holding {@code bin/initdb},
 * {@code bin/postgres} and {@code bin/pg_ctl}, either the bundled binaries from the local Maven
 * repository or the operating system's ({@code /usr/lib/postgresql/<major>} on Debian and Ubuntu).
 *
 * @param major   the PostgreSQL major version
 * @param release the full release, for logs (for example {@code 15.18})
 * @param home    the directory holding {@code bin/}
 * @param bundled whether the binaries carry their own libraries in {@code lib/} (the bundled ones
 *                do; the system's rely on the system's loader paths)
 */
record ServerBinaries(int major, String release, Path home, boolean bundled) {

    /** Where Debian's {@code postgresql-<major>} packages put each major's programs. */
    static final Path SYSTEM_ROOT = Path.of("/usr/lib/postgresql");

    private static final List<String> PROGRAMS = List.of("initdb", "postgres", "pg_ctl");

    /** The bundled binaries of {@code major}, unpacked on first use. */
    static ServerBinaries embedded(int major) {
        return new ServerBinaries(major, EmbeddedBinaries.release(major), EmbeddedBinaries.unpacked(major), true);
    }

    /**
     * The system's binaries of {@code major} under {@link #SYSTEM_ROOT}.
     *
     * @throws IllegalStateException with the reason of {@link #systemUnavailable} when they are missing
     */
    static ServerBinaries system(int major) {
        return system(SYSTEM_ROOT, major);
    }

    static ServerBinaries system(Path root, int major) {
        Optional<String> missing = systemUnavailable(root, major);
        if (missing.isPresent()) {
            throw new IllegalStateException(missing.get());
        }
        Path home = root.resolve(Integer.toString(major));
        return new ServerBinaries(major, versionOf(home.resolve("bin").resolve("postgres")), home, false);
    }

    /**
     * Why the system's binaries of {@code major} under {@code root} cannot run a server, or empty
     * when {@code initdb}, {@code postgres} and {@code pg_ctl} are all there and executable.
     */
    static Optional<String> systemUnavailable(Path root, int major) {
        Path bin = root.resolve(Integer.toString(major)).resolve("bin");
        for (String program : PROGRAMS) {
            if (!Files.isExecutable(bin.resolve(program))) {
                return Optional.of("No system PostgreSQL " + major + ": " + bin.resolve(program) + " is missing"
                        + " (on Debian or Ubuntu: apt-get install postgresql-" + major + ")");
            }
        }
        return Optional.empty();
    }

    /** The path of one of the programs in {@code bin/}. */
    Path program(String name) {
        return home.resolve("bin").resolve(name);
    }

    /** The directory to put on {@code LD_LIBRARY_PATH}, or null for the system's binaries. */
    @Nullable Path libraryPath() {
        return bundled ? home.resolve("lib") : null;
    }

    /** {@code "15.18"} from {@code postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)}; the major if unreadable. */
    private static String versionOf(Path postgres) {
        try {
            Process p = new ProcessBuilder(postgres.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String[] words = out.split("\\s+");
                if (words.length >= 3) {
                    return words[2];
                }
            }
        } catch (IOException e) {
            // fall through: the release is only for logs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return postgres.getParent().getParent().getFileName().toString();
    }
}
