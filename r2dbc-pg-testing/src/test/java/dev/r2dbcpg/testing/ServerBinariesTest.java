package dev.r2dbcpg.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerBinariesTest {

    @TempDir
    Path root;

    @Test
    void missingSystemBinariesAreReportedWithThePackageToInstall() {
        assertThat(ServerBinaries.systemUnavailable(root, 15)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("No system PostgreSQL 15").contains(root.resolve("15/bin/initdb").toString())
                .contains("apt-get install postgresql-15"));
        assertThatThrownBy(() -> ServerBinaries.system(root, 15)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("postgresql-15");
    }

    @Test
    void aMissingProgramAmongOthersIsNamed() throws IOException {
        program("initdb");
        program("postgres");
        assertThat(ServerBinaries.systemUnavailable(root, 15)).hasValueSatisfying(reason -> assertThat(reason)
                .contains(root.resolve("15/bin/pg_ctl").toString()));
    }

    @Test
    void systemBinariesRunWithTheSystemLibrariesAndBundledOnesWithTheirOwn() throws IOException {
        program("initdb");
        program("pg_ctl");
        Files.writeString(program("postgres"), "#!/bin/sh\necho 'postgres (PostgreSQL) 15.99 (Test 15.99-1)'\n");

        ServerBinaries system = ServerBinaries.system(root, 15);

        assertThat(ServerBinaries.systemUnavailable(root, 15)).isEmpty();
        assertThat(system.release()).isEqualTo("15.99");
        assertThat(system.program("pg_ctl")).isEqualTo(root.resolve("15/bin/pg_ctl"));
        assertThat(system.libraryPath()).isNull();
        assertThat(new ServerBinaries(15, "15.1", root, true).libraryPath()).isEqualTo(root.resolve("lib"));
    }

    @Test
    void binariesModeIsEmbeddedUnlessSystemIsAsked() {
        String before = System.getProperty("pg.binaries");
        try {
            System.clearProperty("pg.binaries");
            assertThat(PostgresFixture.systemBinariesConfigured()).isFalse();
            System.setProperty("pg.binaries", "System");
            assertThat(PostgresFixture.systemBinariesConfigured()).isTrue();
            System.setProperty("pg.binaries", "docker");
            assertThatThrownBy(PostgresFixture::systemBinariesConfigured).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'embedded' or 'system'");
        } finally {
            if (before == null) {
                System.clearProperty("pg.binaries");
            } else {
                System.setProperty("pg.binaries", before);
            }
        }
    }

    private Path program(String name) throws IOException {
        Path bin = Files.createDirectories(root.resolve("15").resolve("bin"));
        Path program = Files.writeString(bin.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }
}
