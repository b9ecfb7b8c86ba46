package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.r2dbcpg.core.error.PgErrorDetails;
import dev.r2dbcpg.core.error.PgExceptionFactory;
import dev.r2dbcpg.core.error.PgServerError;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String SECRET = "SCRAM-SHA-256$4096:c2FsdA==$a2V5:a2V5";

    @Test
    void aServerErrorIsRebuiltOfTheSameKindWithEveryMentionHidden() {
        R2dbcException error = PgExceptionFactory.create(PgErrorDetails.of(Map.of('S', "ERROR", 'C', "42601", 'M',
                "syntax error at or near \"" + SECRET + "\"", 'q', "x " + SECRET)), "ALTER ROLE r PASSWORD '" + SECRET + "'");
        Throwable scrubbed = Secrets.scrub(error, SECRET);
        assertThat(scrubbed).isInstanceOf(error.getClass()).hasNoCause();
        assertThat(((PgServerError) scrubbed).sqlState()).isEqualTo("42601");
        assertThat(((R2dbcException) scrubbed).getSql()).isEqualTo("ALTER ROLE r PASSWORD '********'");
        assertThat(((PgServerError) scrubbed).errorDetails().fields().values()).noneMatch(v -> v.contains(SECRET));
        assertThat(scrubbed.getMessage()).contains("********").doesNotContain(SECRET);
    }

    @Test
    void anotherErrorMentioningItIsReplacedAndOneThatDoesNotIsKept() {
        R2dbcException closed = new R2dbcNonTransientResourceException("closed", "08006", 0, "CREATE ROLE r PASSWORD '"
                + SECRET + "'");
        Throwable scrubbed = Secrets.scrub(closed, SECRET);
        assertThat(((R2dbcException) scrubbed).getSql()).doesNotContain(SECRET).contains("********");
        assertThat(((R2dbcException) scrubbed).getSqlState()).isEqualTo("08006");
        IllegalStateException wrapped = new IllegalStateException("outer", new IllegalStateException(SECRET));
        assertThat(Secrets.scrub(wrapped, SECRET)).hasNoCause().hasMessage("outer");
        IllegalStateException unrelated = new IllegalStateException("unrelated");
        assertThat(Secrets.scrub(unrelated, SECRET)).isSameAs(unrelated);
    }
}
