package dev.r2dbcpg.client.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.r2dbcpg.core.config.ConnectionStrings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgBackupTest {

    @Test
    void connectionDetailsAndThePasswordGoThroughTheEnvironmentOnly() {
        PgBackup backup = PgBackup.of(ConnectionStrings.parse("postgresql://alice:s3cr%20t@db.example:6432/sales?sslmode=verify-full")
                .build());
        BackupOptions options = BackupOptions.builder().format(BackupOptions.Format.DIRECTORY).jobs(4).clean(true)
                .table("public.orders").excludeTable("audit_*").noOwner(true).build();

        List<String> dump = PgBackup.dumpArguments(Path.of("/tmp/out"), options);
        List<String> restore = PgBackup.restoreArguments(Path.of("/tmp/out"), options);
        Map<String, String> env = backup.environment("s3cr t");

        assertThat(dump).containsExactly("--format=directory", "--file=/tmp/out", "--no-password", "--verbose", "--clean",
                "--if-exists", "--no-owner", "--jobs=4", "--table=public.orders", "--exclude-table=audit_*");
        assertThat(restore).containsExactly("--no-password", "--verbose", "--clean", "--if-exists", "--no-owner",
                "--jobs=4", "--table=public.orders", "--dbname=", "/tmp/out");
        assertThat(String.join(" ", dump) + String.join(" ", restore)).doesNotContain("s3cr", "alice", "sales");
        assertThat(env).containsEntry("PGPASSWORD", "s3cr t").containsEntry("PGHOST", "db.example")
                .containsEntry("PGPORT", "6432").containsEntry("PGUSER", "alice").containsEntry("PGDATABASE", "sales")
                .containsEntry("PGSSLMODE", "verify-full");
        assertThat(backup.environment("")).doesNotContainKey("PGPASSWORD");
    }

    @Test
    void readsToolVersionsOldAndNew() {
        assertThat(PgTools.parse(Path.of("x"), "pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)"))
                .extracting(PgTools.Tool::major, PgTools.Tool::version).containsExactly(15, "15.14");
        assertThat(PgTools.parse(Path.of("x"), "pg_restore (PostgreSQL) 18beta1")).extracting(PgTools.Tool::major)
                .isEqualTo(18);
        assertThat(PgTools.parse(Path.of("x"), "pg_dump (PostgreSQL) 9.6.24")).extracting(PgTools.Tool::version)
                .isEqualTo("9.6");
        assertThat(PgTools.parse(Path.of("x"), "not a PostgreSQL tool")).isNull();
    }

    @Test
    void refusesContradictoryOptions() {
        assertThatThrownBy(() -> BackupOptions.builder().schemaOnly(true).dataOnly(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> BackupOptions.builder().jobs(0).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
