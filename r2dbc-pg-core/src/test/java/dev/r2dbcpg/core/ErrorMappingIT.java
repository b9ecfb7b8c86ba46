package dev.r2dbcpg.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.error.PgBadGrammarException;
import dev.r2dbcpg.core.error.PgDataIntegrityViolationException;
import dev.r2dbcpg.core.error.PgNonTransientException;
import dev.r2dbcpg.core.error.PgNonTransientResourceException;
import dev.r2dbcpg.core.error.PgPermissionDeniedException;
import dev.r2dbcpg.core.error.PgRollbackException;
import dev.r2dbcpg.core.error.PgServerError;
import dev.r2dbcpg.core.error.PgSqlState;
import dev.r2dbcpg.core.error.PgTimeoutException;
import dev.r2dbcpg.core.error.PgTransientResourceException;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;

/** Every SQLSTATE family, raised by the real server, becomes the right exception with every field. */
@ExtendWith(PostgresExtension.class)
class ErrorMappingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static PgConnection connection;

    @BeforeAll
    static void connect(PostgresServer server) {
        connection = ((PgConnectionFactory) ConnectionFactories.get(server.r2dbcUrl())).create().block(TIMEOUT);
        run("DROP TABLE IF EXISTS err_child, err_parent, err_excl, err_short",
                "CREATE TABLE err_short (s varchar(2))",
                "CREATE TABLE err_parent (id int PRIMARY KEY, name text NOT NULL, qty int CHECK (qty > 0))",
                "CREATE TABLE err_child (id int REFERENCES err_parent (id))",
                "CREATE TABLE err_excl (r int4range, EXCLUDE USING gist (r WITH &&))",
                "INSERT INTO err_parent VALUES (1, 'one', 1)", "INSERT INTO err_excl VALUES ('[1,10)')");
    }

    @AfterAll
    static void close() {
        run("DROP TABLE err_child, err_parent, err_excl, err_short");
        connection.close().block(TIMEOUT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "INSERT INTO err_parent VALUES (1; 'dup'; 1), UniqueViolation, 23505",
        "INSERT INTO err_child VALUES (99), ForeignKeyViolation, 23503",
        "INSERT INTO err_parent (id) VALUES (2), NotNullViolation, 23502",
        "INSERT INTO err_parent VALUES (3; 'x'; -1), CheckViolation, 23514",
        "INSERT INTO err_excl VALUES ('[5;6)'), ExclusionViolation, 23P01",
        "SELEKT 1, SyntaxError, 42601",
        "SELECT * FROM err_nowhere, UndefinedTable, 42P01",
        "SELECT nope FROM err_parent, UndefinedColumn, 42703",
        "SELECT 1/0, DivisionByZero, 22012",
        "SELECT 'abc'::int, InvalidTextRepresentation, 22P02",
        "INSERT INTO err_short VALUES ('abc'), StringDataRightTruncation, 22001",
        "SELECT 32768::int2, NumericValueOutOfRange, 22003",
        "SELECT err_no_such_function(1), UndefinedFunction, 42883",
        "CREATE TABLE err_parent (x int), DuplicateTable, 42P07",
        "ALTER TABLE err_parent ADD COLUMN name text, DuplicateColumn, 42701",
        "CREATE TABLE err_no_such_schema.t (x int), InvalidSchemaName, 3F000",
    })
    void realServerErrorsMapToTheirClasses(String sql, String simpleName, String sqlState) {
        R2dbcException e = error(sql.replace(';', ','));
        assertThat(e.getClass().getSimpleName()).isEqualTo(simpleName);
        assertThat(e.getSqlState()).isEqualTo(sqlState);
        assertThat(e.getSql()).isEqualTo(sql.replace(';', ','));
        assertThat(e.getMessage()).startsWith("[" + sqlState + "]");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "08006, PgNonTransientResourceException",
        "0A000, PgNonTransientException",
        "22001, StringDataRightTruncation",
        "22P02, InvalidTextRepresentation",
        "22003, NumericValueOutOfRange",
        "22012, DivisionByZero",
        "22000, PgDataIntegrityViolationException",
        "23000, PgDataIntegrityViolationException",
        "25P02, InFailedSqlTransaction",
        "25006, ReadOnlySqlTransaction",
        "25000, PgNonTransientException",
        "3D000, InvalidCatalogName",
        "3F000, InvalidSchemaName",
        "28000, PgPermissionDeniedException",
        "40001, SerializationFailure",
        "40P01, DeadlockDetected",
        "40003, PgRollbackException",
        "42501, PgPermissionDeniedException",
        "42883, UndefinedFunction",
        "42P07, DuplicateTable",
        "42701, DuplicateColumn",
        "42000, PgBadGrammarException",
        "53300, TooManyConnections",
        "53100, DiskFull",
        "53000, PgTransientResourceException",
        "55006, ObjectInUse",
        "55000, PgNonTransientException",
        "57P01, AdminShutdown",
        "57P02, CrashShutdown",
        "57P03, CannotConnectNow",
        "55P03, LockNotAvailable",
        "57014, QueryCanceled",
        "58030, PgNonTransientResourceException",
        "P0001, PgNonTransientException",
        "XX000, PgNonTransientException",
    })
    void everySqlStateFamilyMapsToItsR2dbcFamily(String sqlState, String simpleName) {
        R2dbcException e = error("DO $$ BEGIN RAISE EXCEPTION 'raised %', '" + sqlState + "' USING ERRCODE = '"
                + sqlState + "'; END $$");
        assertThat(e.getClass().getSimpleName()).isEqualTo(simpleName);
        assertThat(e.getSqlState()).isEqualTo(sqlState);
        Class<?> family = switch (sqlState.substring(0, 2)) {
            case "08", "58" -> PgNonTransientResourceException.class;
            case "22", "23" -> PgDataIntegrityViolationException.class;
            case "28" -> PgPermissionDeniedException.class;
            case "40" -> PgRollbackException.class;
            case "42" -> sqlState.equals("42501") ? PgPermissionDeniedException.class : PgBadGrammarException.class;
            case "53" -> PgTransientResourceException.class;
            case "55", "57" -> sqlState.equals("55P03") || sqlState.equals("57014") ? PgTimeoutException.class
                    : sqlState.startsWith("57") ? PgNonTransientResourceException.class : PgNonTransientException.class;
            default -> PgNonTransientException.class;
        };
        assertThat(e).isInstanceOf(family);
        PgSqlState known = ((PgServerError) e).knownSqlState();
        assertThat(known == null ? null : known.code()).isEqualTo(PgSqlState.of(sqlState) == null ? null : sqlState);
    }

    @Test
    void aFailedTransactionAndAReadOnlyOneHaveTheirClasses() {
        R2dbcException failed = error("BEGIN; SELECT 1/0; COMMIT");
        assertThat(failed).isInstanceOf(PgDataIntegrityViolationException.DivisionByZero.class);
        assertThat(error("SELECT 1")).isInstanceOf(PgNonTransientException.InFailedSqlTransaction.class);
        run("ROLLBACK");
        assertThat(error("BEGIN READ ONLY; CREATE TABLE err_ro (x int)"))
                .isInstanceOf(PgNonTransientException.ReadOnlySqlTransaction.class);
        run("ROLLBACK");
    }

    @Test
    void aMissingDatabaseAndADatabaseInUseHaveTheirClasses(PostgresServer server) {
        String url = server.r2dbcUrl();
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        String query = url.contains("?") ? url.substring(url.indexOf('?')) : "";
        Throwable missing = reactor.core.publisher.Mono.from(ConnectionFactories.get(base + "err_no_such_db" + query).create())
                .flatMap(c -> reactor.core.publisher.Mono.from(c.close())).materialize().block(TIMEOUT).getThrowable();
        assertThat(missing).isInstanceOf(PgNonTransientException.InvalidCatalogName.class);

        server.execute("DROP DATABASE IF EXISTS err_in_use", "CREATE DATABASE err_in_use");
        PgConnection inUse = ((PgConnectionFactory) ConnectionFactories.get(base + "err_in_use" + query)).create()
                .block(TIMEOUT);
        try {
            assertThat(error("DROP DATABASE err_in_use")).isInstanceOf(PgNonTransientException.ObjectInUse.class);
        } finally {
            inUse.close().block(TIMEOUT);
        }
    }

    @Test
    void everyFieldOfTheErrorResponseIsReachable() {
        R2dbcException e = error("DO $$ BEGIN RAISE EXCEPTION 'bad thing' USING ERRCODE = '23514', DETAIL = 'the detail', "
                + "HINT = 'the hint', SCHEMA = 's1', TABLE = 't1', COLUMN = 'c1', CONSTRAINT = 'k1', DATATYPE = 'int4'; END $$");
        PgServerError pg = (PgServerError) e;
        assertThat(pg.errorDetails().severity()).isEqualTo("ERROR");
        assertThat(pg.errorDetails().message()).isEqualTo("bad thing");
        assertThat(pg.detail()).isEqualTo("the detail");
        assertThat(pg.hint()).isEqualTo("the hint");
        assertThat(pg.schemaName()).isEqualTo("s1");
        assertThat(pg.tableName()).isEqualTo("t1");
        assertThat(pg.columnName()).isEqualTo("c1");
        assertThat(pg.constraintName()).isEqualTo("k1");
        assertThat(pg.errorDetails().dataTypeName()).isEqualTo("int4");
        assertThat(pg.errorDetails().where()).contains("PL/pgSQL");
        assertThat(pg.errorDetails().file()).isNotBlank();
        assertThat(pg.errorDetails().line()).isNotBlank();
        assertThat(pg.errorDetails().routine()).isNotBlank();
        assertThat(e.getMessage()).isEqualTo("[23514] bad thing Detail: the detail Hint: the hint");
    }

    @Test
    void syntaxErrorCarriesItsPosition() {
        PgServerError pg = (PgServerError) error("SELECT 1 FROM WHERE");
        assertThat(pg.position()).isEqualTo(15);
    }

    @Test
    void aParameterisedStatementErrorIsDeliveredThroughTheResult() {
        R2dbcException e = Flux.from(connection.createStatement("INSERT INTO err_parent VALUES ($1, $2, $3)")
                        .bind(0, 1).bind(1, "again").bind(2, 5).execute())
                .flatMap(Result::getRowsUpdated)
                .then()
                .onErrorResume(R2dbcException.class, x -> reactor.core.publisher.Mono.error(x))
                .materialize().block(TIMEOUT).getThrowable() instanceof R2dbcException r ? r : null;
        assertThat(e).isInstanceOf(PgDataIntegrityViolationException.UniqueViolation.class);
        assertThat(((PgServerError) e).detail()).isEqualTo("Key (id)=(1) already exists.");
    }

    private static R2dbcException error(String sql) {
        Throwable t = Flux.from(connection.createStatement(sql).execute())
                .flatMap(Result::getRowsUpdated)
                .then()
                .materialize()
                .block(TIMEOUT)
                .getThrowable();
        assertThat(t).as("an error from %s", sql).isInstanceOf(R2dbcException.class);
        return (R2dbcException) t;
    }

    private static void run(String... statements) {
        for (String sql : statements) {
            Flux.from(connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).blockLast(TIMEOUT);
        }
    }
}
