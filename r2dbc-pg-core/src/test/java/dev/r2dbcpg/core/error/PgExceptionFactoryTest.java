package dev.r2dbcpg.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PgExceptionFactoryTest {

    static Stream<Arguments> mappings() {
        return Stream.of(
                // exact SQLSTATEs
                Arguments.of("23505", PgDataIntegrityViolationException.UniqueViolation.class, R2dbcDataIntegrityViolationException.class),
                Arguments.of("23503", PgDataIntegrityViolationException.ForeignKeyViolation.class, R2dbcDataIntegrityViolationException.class),
                Arguments.of("23502", PgDataIntegrityViolationException.NotNullViolation.class, R2dbcDataIntegrityViolationException.class),
                Arguments.of("23514", PgDataIntegrityViolationException.CheckViolation.class, R2dbcDataIntegrityViolationException.class),
                Arguments.of("23P01", PgDataIntegrityViolationException.ExclusionViolation.class, R2dbcDataIntegrityViolationException.class),
                Arguments.of("40001", PgRollbackException.SerializationFailure.class, R2dbcRollbackException.class),
                Arguments.of("40P01", PgRollbackException.DeadlockDetected.class, R2dbcRollbackException.class),
                Arguments.of("57014", PgTimeoutException.QueryCanceled.class, R2dbcTimeoutException.class),
                Arguments.of("55P03", PgTimeoutException.LockNotAvailable.class, R2dbcTimeoutException.class),
                Arguments.of("42601", PgBadGrammarException.SyntaxError.class, R2dbcBadGrammarException.class),
                Arguments.of("42P01", PgBadGrammarException.UndefinedTable.class, R2dbcBadGrammarException.class),
                Arguments.of("42703", PgBadGrammarException.UndefinedColumn.class, R2dbcBadGrammarException.class),
                Arguments.of("28P01", PgPermissionDeniedException.InvalidPassword.class, R2dbcPermissionDeniedException.class),
                Arguments.of("42501", PgPermissionDeniedException.class, R2dbcPermissionDeniedException.class),
                Arguments.of("25P03", PgNonTransientResourceException.class, R2dbcNonTransientResourceException.class),
                Arguments.of("25P04", PgNonTransientResourceException.class, R2dbcNonTransientResourceException.class),
                Arguments.of("57P01", PgNonTransientResourceException.AdminShutdown.class, R2dbcNonTransientResourceException.class),
                Arguments.of("57P02", PgNonTransientResourceException.CrashShutdown.class, R2dbcNonTransientResourceException.class),
                Arguments.of("57P03", PgNonTransientResourceException.CannotConnectNow.class, R2dbcNonTransientResourceException.class),
                Arguments.of("22012", PgDataIntegrityViolationException.DivisionByZero.class, R2dbcDataIntegrityViolationException.class),
                Arguments.of("22P02", PgDataIntegrityViolationException.InvalidTextRepresentation.class, R2dbcDataIntegrityViolationException.class),
                Arguments.of("42P07", PgBadGrammarException.DuplicateTable.class, R2dbcBadGrammarException.class),
                Arguments.of("3D000", PgNonTransientException.InvalidCatalogName.class, R2dbcNonTransientException.class),
                Arguments.of("25P02", PgNonTransientException.InFailedSqlTransaction.class, R2dbcNonTransientException.class),
                Arguments.of("55006", PgNonTransientException.ObjectInUse.class, R2dbcNonTransientException.class),
                Arguments.of("53300", PgTransientResourceException.TooManyConnections.class, R2dbcTransientResourceException.class),
                // classes
                Arguments.of("08006", PgNonTransientResourceException.class, R2dbcNonTransientResourceException.class),
                Arguments.of("58030", PgNonTransientResourceException.class, R2dbcNonTransientResourceException.class),
                Arguments.of("22000", PgDataIntegrityViolationException.class, R2dbcDataIntegrityViolationException.class),
                Arguments.of("23000", PgDataIntegrityViolationException.class, R2dbcDataIntegrityViolationException.class),
                Arguments.of("28000", PgPermissionDeniedException.class, R2dbcPermissionDeniedException.class),
                Arguments.of("40003", PgRollbackException.class, R2dbcRollbackException.class),
                Arguments.of("42000", PgBadGrammarException.class, R2dbcBadGrammarException.class),
                Arguments.of("53000", PgTransientResourceException.class, R2dbcTransientResourceException.class),
                Arguments.of("0A000", PgNonTransientException.class, R2dbcNonTransientException.class),
                Arguments.of("25000", PgNonTransientException.class, R2dbcNonTransientException.class),
                Arguments.of("54000", PgNonTransientException.class, R2dbcNonTransientException.class),
                Arguments.of("55000", PgNonTransientException.class, R2dbcNonTransientException.class),
                Arguments.of("P0001", PgNonTransientException.class, R2dbcNonTransientException.class),
                Arguments.of("XX000", PgNonTransientException.class, R2dbcNonTransientException.class),
                Arguments.of("ZZ999", PgNonTransientException.class, R2dbcNonTransientException.class));
    }

    @org.junit.jupiter.api.Test
    void everyEntryOfTheTableMakesAnExceptionThatKnowsItsState() {
        for (PgSqlState state : PgSqlState.values()) {
            R2dbcException e = PgExceptionFactory.create(details(state.code(), "boom"), null);
            assertThat(((PgServerError) e).knownSqlState()).isEqualTo(state);
            assertThat(PgSqlState.of(state.code())).isSameAs(state);
        }
        assertThat(PgSqlState.of("22000")).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("mappings")
    void mapsSqlStateToExceptionClassAndFamily(String code, Class<?> expected, Class<?> family) {
        R2dbcException e = PgExceptionFactory.create(details(code, "boom"), "select 1");

        assertThat(e).isExactlyInstanceOf(expected).isInstanceOf(family).isInstanceOf(PgServerError.class);
        assertThat(e.getSqlState()).isEqualTo(code);
        assertThat(e.getSql()).isEqualTo("select 1");
        assertThat(((PgServerError) e).sql()).isEqualTo("select 1");
        assertThat(((PgServerError) e).sqlState()).isEqualTo(code);
    }

    @Test
    void timeoutsAreTransientAndGrammarIsNot() {
        assertThat(PgExceptionFactory.create(details("57014", "canceling statement due to statement timeout"), null))
                .isInstanceOf(R2dbcTransientException.class);
        assertThat(PgExceptionFactory.create(details("42601", "syntax error"), null))
                .isInstanceOf(R2dbcNonTransientException.class);
    }

    @Test
    void missingOrMalformedSqlStateFallsBackToNonTransient() {
        R2dbcException noCode = PgExceptionFactory.create(PgErrorDetails.of(Map.of('S', "ERROR", 'M', "odd")), null);
        R2dbcException shortCode = PgExceptionFactory.create(details("42", "odd"), null);

        assertThat(noCode).isExactlyInstanceOf(PgNonTransientException.class);
        assertThat(noCode.getSqlState()).isNull();
        assertThat(noCode.getMessage()).isEqualTo("odd");
        assertThat(shortCode).isExactlyInstanceOf(PgNonTransientException.class);
    }

    @Test
    void messageCarriesSqlStateMessageDetailAndHint() {
        Map<Character, String> fields = new HashMap<>();
        fields.put('S', "ERROR");
        fields.put('C', "23505");
        fields.put('M', "duplicate key value violates unique constraint \"users_pkey\"");
        fields.put('D', "Key (id)=(1) already exists.");
        fields.put('H', "Use another id.");
        fields.put('n', "users_pkey");
        fields.put('t', "users");
        fields.put('s', "public");

        R2dbcException e = PgExceptionFactory.create(PgErrorDetails.of(fields), "insert into users values (1)");

        assertThat(e.getMessage()).isEqualTo("[23505] duplicate key value violates unique constraint \"users_pkey\""
                + " Detail: Key (id)=(1) already exists. Hint: Use another id.");
        PgServerError pg = (PgServerError) e;
        assertThat(pg.serverMessage()).isEqualTo("duplicate key value violates unique constraint \"users_pkey\"");
        assertThat(pg.detail()).isEqualTo("Key (id)=(1) already exists.");
        assertThat(pg.hint()).isEqualTo("Use another id.");
        assertThat(pg.constraintName()).isEqualTo("users_pkey");
        assertThat(pg.tableName()).isEqualTo("users");
        assertThat(pg.schemaName()).isEqualTo("public");
        assertThat(pg.errorDetails().fields()).isEqualTo(fields);
    }

    @Test
    void messageWithoutDetailOrHintIsSqlStateAndMessage() {
        R2dbcException e = PgExceptionFactory.create(details("42P01", "relation \"nope\" does not exist"), "select * from nope");

        assertThat(e.getMessage()).isEqualTo("[42P01] relation \"nope\" does not exist");
        assertThat(((R2dbcBadGrammarException) e).getOffendingSql()).isEqualTo("select * from nope");
        assertThat(((PgServerError) e).detail()).isNull();
    }

    @Test
    void positionIsParsedAsNumber() {
        Map<Character, String> fields = new HashMap<>(Map.of('C', "42601", 'M', "syntax error at or near \"selec\"", 'P', "1"));
        PgServerError e = (PgServerError) PgExceptionFactory.create(PgErrorDetails.of(fields), "selec 1");

        assertThat(e.position()).isEqualTo(1);
    }

    @Test
    void errorWithoutSqlHasNullSql() {
        R2dbcException e = PgExceptionFactory.create(details("28P01", "password authentication failed for user \"alice\""), null);

        assertThat(e.getSql()).isNull();
        assertThat(((PgServerError) e).sql()).isNull();
    }

    private static PgErrorDetails details(String code, String message) {
        return PgErrorDetails.of(Map.of('S', "ERROR", 'V', "ERROR", 'C', code, 'M', message));
    }
}
