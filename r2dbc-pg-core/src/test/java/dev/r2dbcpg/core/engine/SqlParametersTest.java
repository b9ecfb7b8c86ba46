package dev.r2dbcpg.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlParametersTest {

    @Test
    void countsTheHighestPlaceholderOutsideLiteralsAndComments() {
        assertThat(SqlParameters.count("SELECT $1, $3")).isEqualTo(3);
        assertThat(SqlParameters.count("SELECT '$2', \"$3\", $$ $4 $$, $tag$ $5 $tag$ -- $6\n, /* $7 /* $8 */ */ $1"))
                .isEqualTo(1);
        assertThat(SqlParameters.count("SELECT E'\\' $2', a$1 FROM t")).isZero();
    }

    @Test
    void oneStatementWithOrWithoutATrailingSemicolon() {
        assertThat(SqlParameters.shape("SELECT 1").needsSimpleProtocol()).isFalse();
        assertThat(SqlParameters.shape("SELECT 1;").needsSimpleProtocol()).isFalse();
        assertThat(SqlParameters.shape("  SELECT 1 ; ;  -- done\n /* really */ ").needsSimpleProtocol()).isFalse();
        assertThat(SqlParameters.shape(";SELECT 1").needsSimpleProtocol()).isFalse();
    }

    @Test
    void semicolonsInsideLiteralsIdentifiersAndCommentsDoNotSplit() {
        assertThat(SqlParameters.shape("SELECT ';x', \";y\", $$;z$$, E'\\';w' -- ; SELECT 2\n")
                .multipleStatements()).isFalse();
        assertThat(SqlParameters.shape("SELECT 1 /* ; SELECT 2 */").multipleStatements()).isFalse();
        assertThat(SqlParameters.shape("DO $body$ BEGIN PERFORM 1; PERFORM 2; END $body$").multipleStatements()).isFalse();
    }

    @Test
    void findsSeveralStatements() {
        assertThat(SqlParameters.shape("SELECT 1; SELECT 2").multipleStatements()).isTrue();
        assertThat(SqlParameters.shape("CREATE TABLE t(i int);INSERT INTO t VALUES (1)").needsSimpleProtocol()).isTrue();
        assertThat(SqlParameters.shape("SELECT 1; 'x'").multipleStatements()).isTrue();
    }

    @Test
    void findsCopyAndBlankSql() {
        assertThat(SqlParameters.shape("  copy t TO STDOUT").copy()).isTrue();
        assertThat(SqlParameters.shape("/* c */ COPY t FROM STDIN").copy()).isTrue();
        assertThat(SqlParameters.shape("SELECT copy FROM t").copy()).isFalse();
        assertThat(SqlParameters.shape("COPYRIGHT").copy()).isFalse();
        assertThat(SqlParameters.shape("").blank()).isTrue();
        assertThat(SqlParameters.shape(" ; -- nothing\n").blank()).isTrue();
        assertThat(SqlParameters.shape("SELECT 1").blank()).isFalse();
    }
}
