package dev.r2dbcpg.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PgErrorDetailsTest {

    /** Every documented field type, as a server sends them for an error raised inside a function. */
    private static Map<Character, String> allFields() {
        Map<Character, String> f = new HashMap<>();
        f.put('S', "FEHLER");
        f.put('V', "ERROR");
        f.put('C', "23502");
        f.put('M', "null value in column \"name\" of relation \"users\" violates not-null constraint");
        f.put('D', "Failing row contains (1, null).");
        f.put('H', "Set a name.");
        f.put('P', "15");
        f.put('p', "8");
        f.put('q', "insert into users values (1, null)");
        f.put('W', "PL/pgSQL function f() line 3 at SQL statement");
        f.put('s', "public");
        f.put('t', "users");
        f.put('c', "name");
        f.put('d', "text");
        f.put('n', "users_name_not_null");
        f.put('F', "execMain.c");
        f.put('L', "2006");
        f.put('R', "ExecConstraints");
        return f;
    }

    @Test
    void exposesEveryDocumentedField() {
        PgErrorDetails d = PgErrorDetails.of(allFields());

        assertThat(d.severity()).isEqualTo("FEHLER");
        assertThat(d.severityNonLocalized()).isEqualTo("ERROR");
        assertThat(d.code()).isEqualTo("23502");
        assertThat(d.message()).startsWith("null value in column");
        assertThat(d.detail()).isEqualTo("Failing row contains (1, null).");
        assertThat(d.hint()).isEqualTo("Set a name.");
        assertThat(d.position()).isEqualTo("15");
        assertThat(d.positionNumber()).isEqualTo(15);
        assertThat(d.internalPosition()).isEqualTo("8");
        assertThat(d.internalQuery()).isEqualTo("insert into users values (1, null)");
        assertThat(d.where()).isEqualTo("PL/pgSQL function f() line 3 at SQL statement");
        assertThat(d.schemaName()).isEqualTo("public");
        assertThat(d.tableName()).isEqualTo("users");
        assertThat(d.columnName()).isEqualTo("name");
        assertThat(d.dataTypeName()).isEqualTo("text");
        assertThat(d.constraintName()).isEqualTo("users_name_not_null");
        assertThat(d.file()).isEqualTo("execMain.c");
        assertThat(d.line()).isEqualTo("2006");
        assertThat(d.lineNumber()).isEqualTo(2006);
        assertThat(d.routine()).isEqualTo("ExecConstraints");
    }

    @Test
    void absentFieldsAreNull() {
        PgErrorDetails d = PgErrorDetails.of(Map.of('C', "XX000"));

        assertThat(d.message()).isNull();
        assertThat(d.positionNumber()).isNull();
        assertThat(d.lineNumber()).isNull();
    }

    @Test
    void isACopyOfTheGivenMap() {
        Map<Character, String> fields = new HashMap<>(Map.of('C', "XX000", 'M', "first"));
        PgErrorDetails d = PgErrorDetails.of(fields);
        fields.put('M', "second");

        assertThat(d.message()).isEqualTo("first");
    }

    @Test
    void keepsUnknownFieldTypes() {
        PgErrorDetails d = PgErrorDetails.of(Map.of('C', "XX000", 'Z', "future"));

        assertThat(d.fields()).containsEntry('Z', "future");
        assertThat(d.toString()).isEqualTo("PgErrorDetails{code=XX000, Z=future}");
    }

    @Test
    void toStringNamesEveryFieldInProtocolOrder() {
        String s = PgErrorDetails.of(allFields()).toString();

        assertThat(s).startsWith("PgErrorDetails{severity=FEHLER, severityNonLocalized=ERROR, code=23502, message=null value")
                .contains(", detail=Failing row contains (1, null)., hint=Set a name., position=15, internalPosition=8,"
                        + " internalQuery=insert into users values (1, null), where=PL/pgSQL function f() line 3 at SQL statement,"
                        + " schemaName=public, tableName=users, columnName=name, dataTypeName=text,"
                        + " constraintName=users_name_not_null, file=execMain.c, line=2006, routine=ExecConstraints}");
    }

    @Test
    void equalDetailsForEqualFields() {
        assertThat(PgErrorDetails.of(allFields())).isEqualTo(PgErrorDetails.of(allFields()))
                .hasSameHashCodeAs(PgErrorDetails.of(allFields()));
    }
}
