package dev.r2dbcpg.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

class PgPassFileTest {

    @TempDir
    Path dir;

    private Path write(String content, String permissions) throws IOException {
        Path file = dir.resolve("pgpass");
        Files.writeString(file, content);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        }
        return file;
    }

    private static @Nullable String lookup(Path file, String host, int port, String db, String user) {
        char[] pw = PgPassFile.lookup(file, host, port, db, user);
        return pw == null ? null : new String(pw);
    }

    @Test
    void firstMatchingLineWins() throws IOException {
        Path file = write("""
                # comment line
                db1:5432:sales:alice:first
                *:*:*:alice:second
                *:*:*:*:fallback
                """, "rw-------");
        assertThat(lookup(file, "db1", 5432, "sales", "alice")).isEqualTo("first");
        assertThat(lookup(file, "db1", 5433, "sales", "alice")).isEqualTo("second");
        assertThat(lookup(file, "other", 1, "x", "bob")).isEqualTo("fallback");
    }

    @Test
    void noMatchGivesNull() throws IOException {
        Path file = write("db1:5432:sales:alice:pw\n", "rw-------");
        assertThat(lookup(file, "db1", 5432, "sales", "bob")).isNull();
        assertThat(lookup(file, "db", 5432, "sales", "alice")).isNull();
        assertThat(lookup(dir.resolve("missing"), "db1", 5432, "sales", "alice")).isNull();
    }

    @Test
    void unescapesColonsAndBackslashes() throws IOException {
        Path file = write("h\\:x:5432:d\\\\b:u:p\\:w\\\\d:ignored\r\n", "rw-------");
        assertThat(lookup(file, "h:x", 5432, "d\\b", "u")).isEqualTo("p:w\\d");
    }

    @Test
    void starMatchesOnlyAsAWholeField() throws IOException {
        Path file = write("h*:5432:*:*:pw\n", "rw-------");
        assertThat(lookup(file, "hx", 5432, "d", "u")).isNull();
        assertThat(lookup(file, "h*", 5432, "d", "u")).isEqualTo("pw");
    }

    @Test
    void unixSocketHostMatchesAsLocalhost() throws IOException {
        Path file = write("localhost:5432:*:*:local\n", "rw-------");
        assertThat(lookup(file, "/var/run/postgresql", 5432, "d", "u")).isEqualTo("local");
    }

    @Test
    void ignoresFileReadableByGroupOrOthers() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = write("*:*:*:*:pw\n", "rw-r-----");
        assertThat(lookup(file, "h", 5432, "d", "u")).isNull();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThat(lookup(file, "h", 5432, "d", "u")).isNull();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(lookup(file, "h", 5432, "d", "u")).isEqualTo("pw");
    }

    @Test
    void ignoresDirectory() {
        assertThat(lookup(dir, "h", 5432, "d", "u")).isNull();
    }

    @Test
    void configurationUsesPassfileOnlyWithoutPassword() throws IOException {
        Path file = write("h:5433:db:u:frompass\n", "rw-------");
        PgEnvironment env = PgEnvironment.of(Map.of());
        PgConnectionConfiguration c = ConnectionStrings.parse("host=h port=5433 dbname=db user=u")
                .passfile(file).environment(env).build();
        StepVerifier.create(c.passwordFor(c.hosts().get(0)).map(String::new)).expectNext("frompass").verifyComplete();
        PgConnectionConfiguration explicit = c.toBuilder().password("given").build();
        StepVerifier.create(explicit.passwordFor(c.hosts().get(0)).map(String::new)).expectNext("given")
                .verifyComplete();
        StepVerifier.create(c.passwordFor(new HostAndPort("other", 5433))).verifyComplete();
    }
}
