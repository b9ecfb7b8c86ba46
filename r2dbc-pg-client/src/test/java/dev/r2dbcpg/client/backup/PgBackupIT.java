package dev.r2dbcpg.client.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.r2dbcpg.client.backup.BackupOptions.Format;
import dev.r2dbcpg.core.config.ConnectionStrings;
import dev.r2dbcpg.core.config.PgConnectionConfiguration;
import dev.r2dbcpg.testing.PostgresFixture;
import dev.r2dbcpg.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

/**
 * pg_dump and pg_restore against the system's PostgreSQL 15 with its own client tools (Debian's
 * {@code postgresql-client-15}, in {@code /usr/lib/postgresql/15/bin}); skipped, saying why, without them.
 */
class PgBackupIT {

    private static final int MAJOR = 15;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String SCHEMA = "SELECT table_name || '.' || column_name || ' ' || data_type || ' '"
            + " || is_nullable || ' ' || coalesce(column_default, '') FROM information_schema.columns"
            + " WHERE table_schema = 'public' ORDER BY table_name, ordinal_position";
    private static final String COUNTS = "SELECT (SELECT count(*) FROM customer) || ' ' || (SELECT count(*) FROM orders)";

    private static Optional<String> unavailable;
    private static PostgresServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void createSource() {
        unavailable = PostgresFixture.systemUnavailable(MAJOR);
        if (unavailable.isEmpty() && !Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/pg_dump"))) {
            unavailable = Optional.of("pg_dump 15 is not installed (apt-get install postgresql-client-15)");
        }
        if (unavailable.isPresent()) {
            return;
        }
        server = PostgresFixture.system(MAJOR);
        server.execute("DROP DATABASE IF EXISTS backup_src", "CREATE DATABASE backup_src");
        sql("backup_src", "CREATE TABLE customer (id serial PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer int REFERENCES customer, total numeric(10, 2))",
                "INSERT INTO customer (name) SELECT 'c' || g FROM generate_series(1, 500) g",
                "INSERT INTO orders SELECT g, 1 + g % 500, g * 1.5 FROM generate_series(1, 3000) g");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void dumpsAndRestoresIntoAFreshDatabaseWithEqualSchemaAndRows(Format format) throws Exception {
        requireTools();
        String target = "backup_dst_" + format.name().toLowerCase();
        server.execute("DROP DATABASE IF EXISTS " + target, "CREATE DATABASE " + target);
        Path dump = dir.resolve("dump." + format.name().toLowerCase());
        BackupOptions options = BackupOptions.builder().format(format).jobs(format == Format.DIRECTORY ? 2 : 1).build();

        StepVerifier.create(PgBackup.of(config("backup_src")).pgDump(dump, options)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(PgBackup.of(config(target)).pgRestore(dump, options)).expectComplete().verify(TIMEOUT);

        assertThat(query(target, COUNTS)).containsExactly("500 3000");
        assertThat(query(target, SCHEMA)).isEqualTo(query("backup_src", SCHEMA)).isNotEmpty();
        assertThat(query(target, "SELECT sum(total)::text FROM orders")).isEqualTo(query("backup_src", "SELECT sum(total)::text FROM orders"));
    }

    @Test
    void schemaOnlyDataOnlyTableFiltersAndClean() {
        requireTools();
        server.execute("DROP DATABASE IF EXISTS backup_filtered", "CREATE DATABASE backup_filtered");
        Path schema = dir.resolve("schema.dump");
        Path customers = dir.resolve("customers.dump");

        StepVerifier.create(PgBackup.of(config("backup_src")).pgDump(schema, BackupOptions.builder().schemaOnly(true).build())
                        .then(PgBackup.of(config("backup_filtered")).pgRestore(schema, BackupOptions.defaults())))
                .expectComplete().verify(TIMEOUT);
        assertThat(query("backup_filtered", COUNTS)).containsExactly("0 0");

        // only the customer table, its data only, into the schema restored above
        StepVerifier.create(PgBackup.of(config("backup_src")).pgDump(customers, BackupOptions.builder().table("customer")
                                .dataOnly(true).build())
                        .then(PgBackup.of(config("backup_filtered")).pgRestore(customers, BackupOptions.defaults())))
                .expectComplete().verify(TIMEOUT);
        assertThat(query("backup_filtered", COUNTS)).containsExactly("500 0");

        // clean: the whole archive over the existing tables, dropped and created anew
        Path all = dir.resolve("all.dump");
        StepVerifier.create(PgBackup.of(config("backup_src")).pgDump(all, BackupOptions.defaults())
                        .then(PgBackup.of(config("backup_filtered")).pgRestore(all, BackupOptions.builder().clean(true).build())))
                .expectComplete().verify(TIMEOUT);
        assertThat(query("backup_filtered", COUNTS)).containsExactly("500 3000");
    }

    @Test
    void aMissingToolNamesWhereItLookedAndWhatIsNeeded() {
        requireTools();
        BackupOptions options = BackupOptions.builder().toolDirectory(dir).build();

        StepVerifier.create(PgBackup.of(config("backup_src")).pgDump(dir.resolve("x.dump"), options))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("pg_dump 15 or newer is needed for the server (PostgreSQL 15)")
                        .hasMessageContaining("found no pg_dump in " + dir)
                        .hasMessageContaining("postgresql-client-15"))
                .verify(TIMEOUT);
    }

    @Test
    void aToolOlderThanTheServerIsRefusedBeforeItRuns() throws Exception {
        requireTools();
        Path fake = dir.resolve("pg_dump");
        Path ran = dir.resolve("ran");
        Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'pg_dump (PostgreSQL) 13.4'; exit 0; fi\n"
                + "touch '" + ran + "'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        String shown = fake.toRealPath() + " (13.4)";

        StepVerifier.create(PgBackup.of(config("backup_src")).pgDump(dir.resolve("x.dump"),
                        BackupOptions.builder().toolDirectory(dir).build()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("pg_dump 15 or newer is needed")
                        .hasMessageContaining("found only " + shown))
                .verify(TIMEOUT);
        assertThat(ran).doesNotExist();
    }

    @Test
    void theToolsErrorAndStatusAreInTheException() throws Exception {
        requireTools();
        Path garbage = Files.write(dir.resolve("garbage.dump"), "PGDMP not really an archive".getBytes());

        StepVerifier.create(PgBackup.of(config("backup_src")).pgRestore(garbage, BackupOptions.defaults()))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(PgToolException.class).hasMessageContaining("pg_restore exited with status 1");
                    assertThat(((PgToolException) e).exitStatus()).isEqualTo(1);
                })
                .verify(TIMEOUT);
    }

    private static void requireTools() {
        assumeTrue(unavailable.isEmpty(), () -> unavailable.orElse(""));
    }

    private static PgConnectionConfiguration config(String database) {
        return ConnectionStrings.parse(server.postgresqlUrl()).database(database).build();
    }

    private static void sql(String database, String... statements) {
        try (Connection c = jdbc(database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> query(String database, String sql) {
        try (Connection c = jdbc(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection jdbc(String database) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", server.superuser().user());
        props.setProperty("password", server.superuser().password());
        props.setProperty("sslmode", "disable");
        return java.sql.DriverManager.getConnection(server.jdbcUrl().replace("/" + server.database(), "/" + database), props);
    }
}
