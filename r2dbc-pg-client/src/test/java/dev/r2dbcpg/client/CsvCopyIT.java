package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgConnectionFactory;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.R2dbcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

@ExtendWith(PostgresExtension.class)
class CsvCopyIT {

    private static final Duration TIMEOUT = TestSql.TIMEOUT;

    private static PgConnection connection;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect(PostgresServer server) {
        connection = ((PgConnectionFactory) ConnectionFactories.get(server.r2dbcUrl())).create().block(TIMEOUT);
    }

    @AfterAll
    static void close() {
        connection.close().block(TIMEOUT);
    }

    /** Every test leaves the connection idle and usable, and no temporary export file behind. */
    @AfterEach
    void connectionIsUsableAndNoPartialFileIsLeft() throws IOException {
        assertThat(connection.transactionStatus()).isEqualTo('I');
        assertThat(queryText("SELECT 'ok'")).isEqualTo("ok");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
    }

    private static String table(String columns) {
        return TestSql.table(connection, "csv_", columns);
    }

    private static void run(String sql) {
        TestSql.run(connection, sql);
    }

    private static String queryText(String sql) {
        return TestSql.queryText(connection, sql);
    }

    /** A digest of the whole table: row texts tell NULL ({@code ,,}) from the empty string ({@code ,"",}). */
    private static String checksum(String table) {
        return queryText("SELECT count(*) || ':' || md5(string_agg(t::text, E'\\n' ORDER BY t)) FROM " + table + " t");
    }

    @Test
    void roundTripOf100000RowsWithNullsQuotesDelimitersNewlinesAndNonAscii() throws IOException {
        String source = table("id int PRIMARY KEY, txt text, num numeric, note text");
        run("INSERT INTO " + source + " SELECT i, CASE i % 8"
                + " WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'he said \"hi\", then left'"
                + " WHEN 3 THEN E'line one\\nline two\\r\\nline three' WHEN 4 THEN 'naïve café, 日本語 🐘'"
                + " WHEN 5 THEN E'tab\\there; semi' WHEN 6 THEN '\"' ELSE 'plain ' || i END,"
                + " CASE WHEN i % 5 = 0 THEN NULL ELSE i * 1.5 END,"
                + " CASE WHEN i % 3 = 0 THEN ',' WHEN i % 3 = 1 THEN NULL ELSE 'ü' END"
                + " FROM generate_series(1, 100000) i");
        Path file = dir.resolve("export.csv");

        StepVerifier.create(CsvCopy.copyToCsv(connection, source, file, CsvOptions.defaults()))
                .expectNext(100_000L).expectComplete().verify(TIMEOUT);
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            assertThat(lines.findFirst()).contains("id,txt,num,note");
        }

        String target = table("id int PRIMARY KEY, txt text, num numeric, note text");
        StepVerifier.create(CsvCopy.copyFromCsv(connection, target, file, CsvOptions.defaults()))
                .expectNext(100_000L).expectComplete().verify(TIMEOUT);
        assertThat(checksum(target)).isEqualTo(checksum(source)).startsWith("100000:");
        assertThat(queryText("SELECT count(*) FILTER (WHERE txt IS NULL) || ' ' || count(*) FILTER (WHERE txt = '') FROM "
                + target)).isEqualTo("12500 12500");
    }

    @Test
    void headerDelimiterNullQuoteAndColumnOptions() throws IOException {
        String source = table("id int, a text, b text");
        run("INSERT INTO " + source + " VALUES (1, 'x;y', NULL), (2, 'it''s', ''), (3, NULL, 'plain')");
        CsvOptions options = CsvOptions.defaults().withHeader(false).withDelimiter(';').withNullString("\\N")
                .withQuote('\'').withColumns("id", "a", "\"b\"");
        Path file = dir.resolve("options.csv");

        StepVerifier.create(CsvCopy.copyToCsv(connection, source, file, options)).expectNext(3L).expectComplete()
                .verify(TIMEOUT);
        assertThat(Files.readString(file)).isEqualTo("1;'x;y';\\N\n2;'it''s';\n3;\\N;plain\n");

        String target = table("id int, a text, b text, extra text DEFAULT 'd'");
        StepVerifier.create(CsvCopy.copyFromCsv(connection, target, file, options)).expectNext(3L).expectComplete()
                .verify(TIMEOUT);
        assertThat(queryText("SELECT string_agg(t::text, ' ' ORDER BY t) FROM " + target + " t"))
                .isEqualTo("(1,x;y,,d) (2,it's,\"\",d) (3,,plain,d)");

        // Escape: a backslash before a quote instead of doubling it; a header line that import skips.
        Path escaped = dir.resolve("escaped.csv");
        CsvOptions backslash = CsvOptions.defaults().withEscape('\\').withColumns("id", "a");
        StepVerifier.create(CsvCopy.copyToCsv(connection, source, escaped, backslash.withColumns("a")))
                .expectNext(3L).expectComplete().verify(TIMEOUT);
        Files.writeString(escaped, "id,a\n7,\"say \\\"so\\\"\"\n");
        String quoted = table("id int, a text");
        StepVerifier.create(CsvCopy.copyFromCsv(connection, quoted, escaped, backslash)).expectNext(1L).expectComplete()
                .verify(TIMEOUT);
        assertThat(queryText("SELECT a FROM " + quoted)).isEqualTo("say \"so\"");
    }

    @Test
    void encodingIsConvertedByTheServer() throws IOException {
        String t = table("id int, txt text");
        run("INSERT INTO " + t + " VALUES (1, 'café')");
        Path file = dir.resolve("latin1.csv");
        StepVerifier.create(CsvCopy.copyToCsv(connection, t, file, CsvOptions.defaults().withHeader(false)
                .withEncoding("LATIN1"))).expectNext(1L).expectComplete().verify(TIMEOUT);
        assertThat(Files.readAllBytes(file)).isEqualTo("1,café\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aQueryIsExportedThroughItsOwnMethod() throws IOException {
        String t = table("id int, txt text");
        run("INSERT INTO " + t + " SELECT i, 't' || i FROM generate_series(1, 10) i");
        Path file = dir.resolve("query.csv");
        StepVerifier.create(CsvCopy.copyQueryToCsv(connection, "SELECT id * 10 AS tens FROM " + t + " WHERE id <= 3",
                file, CsvOptions.defaults())).expectNext(3L).expectComplete().verify(TIMEOUT);
        assertThat(Files.readString(file)).isEqualTo("tens\n10\n20\n30\n");
        StepVerifier.create(CsvCopy.copyQueryToCsv(connection, "SELECT 1", file, CsvOptions.defaults().withColumns("id")))
                .expectError(IllegalArgumentException.class).verify(TIMEOUT);
    }

    @Test
    void namesAreCheckedAndAQueryIsNeverTakenForATable() throws IOException {
        run("CREATE TABLE IF NOT EXISTS csv_victim (id int)");
        Path file = dir.resolve("in.csv");
        Files.writeString(file, "id\n1\n");
        List<String> bad = List.of("SELECT * FROM csv_victim", "csv_victim; DROP TABLE csv_victim",
                "csv_victim TO PROGRAM 'touch /tmp/x'; --", "a.b.c", "\"x\" --");
        for (String name : bad) {
            StepVerifier.create(CsvCopy.copyToCsv(connection, name, dir.resolve("out.csv"), CsvOptions.defaults()))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("Not a valid table name")).verify(TIMEOUT);
            StepVerifier.create(CsvCopy.copyFromCsv(connection, name, file, CsvOptions.defaults()))
                    .expectError(IllegalArgumentException.class).verify(TIMEOUT);
        }
        StepVerifier.create(CsvCopy.copyFromCsv(connection, "csv_victim", file,
                CsvOptions.defaults().withColumns("id"))).expectNext(1L).expectComplete().verify(TIMEOUT);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> CsvOptions.defaults().withColumns("id) FROM x; --")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> CsvOptions.defaults().withDelimiter('\n')))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(dir.resolve("out.csv"))).isFalse();
        assertThat(queryText("SELECT to_regclass('csv_victim') IS NOT NULL")).isEqualTo("true");
    }

    @Test
    void schemaQualifiedTable() throws IOException {
        run("CREATE SCHEMA IF NOT EXISTS csv_app");
        run("CREATE TABLE IF NOT EXISTS csv_app.\"Items\" (id int)");
        run("TRUNCATE csv_app.\"Items\"");
        run("INSERT INTO csv_app.\"Items\" VALUES (1), (2)");
        Path file = dir.resolve("items.csv");
        StepVerifier.create(CsvCopy.copyToCsv(connection, "csv_app.\"Items\"", file, CsvOptions.defaults()))
                .expectNext(2L).expectComplete().verify(TIMEOUT);
        StepVerifier.create(CsvCopy.copyFromCsv(connection, "csv_app.\"Items\"", file, CsvOptions.defaults()))
                .expectNext(2L).expectComplete().verify(TIMEOUT);
        assertThat(queryText("SELECT count(*) FROM csv_app.\"Items\"")).isEqualTo("4");
    }

    @Test
    void errorsLeaveTheConnectionUsableAndAnExistingFileUntouched() throws IOException {
        String t = table("id int PRIMARY KEY, txt text");
        StepVerifier.create(CsvCopy.copyFromCsv(connection, t, dir.resolve("missing.csv"), CsvOptions.defaults()))
                .expectError(NoSuchFileException.class).verify(TIMEOUT);

        Path existing = dir.resolve("existing.csv");
        Files.writeString(existing, "precious\n");
        StepVerifier.create(CsvCopy.copyToCsv(connection, "csv_no_such_table", existing, CsvOptions.defaults()))
                .expectError(R2dbcException.class).verify(TIMEOUT);
        StepVerifier.create(CsvCopy.copyQueryToCsv(connection, "SELECT 1/0", existing, CsvOptions.defaults()))
                .expectError(R2dbcException.class).verify(TIMEOUT);
        assertThat(Files.readString(existing)).isEqualTo("precious\n");

        StepVerifier.create(CsvCopy.copyToCsv(connection, t, dir.resolve("no/such/dir.csv"), CsvOptions.defaults()))
                .expectError(NoSuchFileException.class).verify(TIMEOUT);

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "id,txt\n1,a\n2,b,extra\n");
        StepVerifier.create(CsvCopy.copyFromCsv(connection, t, bad, CsvOptions.defaults()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(R2dbcException.class)
                        .hasMessageContaining("extra data")).verify(TIMEOUT);
        StepVerifier.create(CsvCopy.copyFromCsv(connection, "csv_no_such_table", bad, CsvOptions.defaults()))
                .expectError(R2dbcException.class).verify(TIMEOUT);
        assertThat(queryText("SELECT count(*) FROM " + t)).isEqualTo("0");
    }

    @Test
    void anEmptyTableExportsOnlyTheHeader() throws IOException {
        String t = table("id int, \"Odd Name\" text");
        Path file = dir.resolve("empty.csv");
        StepVerifier.create(CsvCopy.copyToCsv(connection, t, file, CsvOptions.defaults())).expectNext(0L)
                .expectComplete().verify(TIMEOUT);
        assertThat(Files.readString(file)).isEqualTo("id,Odd Name\n");
        StepVerifier.create(CsvCopy.copyFromCsv(connection, t, file, CsvOptions.defaults())).expectNext(0L)
                .expectComplete().verify(TIMEOUT);
    }
}
