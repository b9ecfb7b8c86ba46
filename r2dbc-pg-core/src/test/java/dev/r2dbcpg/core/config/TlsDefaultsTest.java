package dev.r2dbcpg.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libpq's defaults {@code ~/.postgresql/root.crt}, {@code postgresql.crt} and {@code postgresql.key}. */
class TlsDefaultsTest {

    @TempDir
    Path home;

    private PgConnectionConfiguration build(PgConnectionConfiguration.Builder b) {
        return b.environment(PgEnvironment.of(Map.of("HOME", home.toString()))).build();
    }

    @Test
    void existingFilesInTheHomeDirectoryAreUsed() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".postgresql"));
        Files.writeString(dir.resolve("root.crt"), "x");
        Files.writeString(dir.resolve("postgresql.crt"), "x");
        Files.writeString(dir.resolve("postgresql.key"), "x");
        TlsSettings tls = build(PgConnectionConfiguration.builder().host("h")).tls();
        assertThat(tls.sslRootCert()).isEqualTo(dir.resolve("root.crt"));
        assertThat(tls.sslCert()).isEqualTo(dir.resolve("postgresql.crt"));
        assertThat(tls.sslKey()).isEqualTo(dir.resolve("postgresql.key"));
    }

    @Test
    void explicitPathsWinAndMissingFilesStayUnset() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".postgresql"));
        Files.writeString(dir.resolve("root.crt"), "x");
        TlsSettings tls = build(PgConnectionConfiguration.builder().host("h").sslRootCert(Path.of("/elsewhere.pem")))
                .tls();
        assertThat(tls.sslRootCert()).isEqualTo(Path.of("/elsewhere.pem"));
        assertThat(tls.sslCert()).isNull();
        assertThat(tls.sslKey()).isNull();
    }

    @Test
    void sslmodeDisableReadsNothing() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".postgresql"));
        Files.writeString(dir.resolve("root.crt"), "x");
        assertThat(build(PgConnectionConfiguration.builder().host("h").sslMode(SslMode.DISABLE)).tls().sslRootCert())
                .isNull();
    }
}
