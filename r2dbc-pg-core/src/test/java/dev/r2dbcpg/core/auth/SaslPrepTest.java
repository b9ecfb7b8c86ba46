package dev.r2dbcpg.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SaslPrepTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "pencil|pencil|ASCII is used as is",
        "x\u0007|x\u0007|ASCII control characters are used as is",
        "I\u00ADX|IX|soft hyphen is mapped to nothing",
        "a\u00A0b\u3000c|a b c|non-ASCII spaces become U+0020",
        "\u2168|IX|NFKC turns roman numeral nine into IX",
        "\uFB01x|fix|NFKC splits ligatures",
        "A\u030A|\u00C5|NFKC composes",
        "\u0627\u0628|\u0627\u0628|right-to-left only is allowed",
        "ab\u0007\u00FC|ab\u0007\u00FC|prohibited control character falls back to the raw password",
        "\uFF21\u0627|\uFF21\u0627|mixed directions fall back to the raw password, not normalized",
        "\u0627\u0031|\u0627\u0031|right-to-left not ending right-to-left falls back",
        "\uFF21\uD83D\uDE00|\uFF21\uD83D\uDE00|unassigned in Unicode 3.2 falls back, not normalized",
        "\u00AD|\u00AD|empty after mapping falls back",
        "\uFF21\uD800|\uFF21?|unpaired surrogate falls back with a replacement",
    })
    void preparesAsPostgresDoes(String password, String expected, String description) {
        assertThat(SaslPrep.prepare(password.toCharArray())).isEqualTo(expected.getBytes(UTF_8));
    }

    /**
     * Secrets stored by PostgreSQL 18 for these passwords ({@code CREATE ROLE ... PASSWORD E'...'},
     * {@code password_encryption = scram-sha-256}), whose server runs the same SASLprep as libpq.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "pencil|SCRAM-SHA-256$4096:vYIdvuKiW8DMKTv7enMkMA==$kJ/vy2VbcdNG6ASm0C7yvc8FMx4Fq0+8Ad0aAGEXPGw=:TDqNDOyDL2kHHvk7OjK/5/2wrG81GApCVzI4U1RtXnc=",
        "I\u00ADX|SCRAM-SHA-256$4096:7+YjCkNfHUy0hUEiDZ71fw==$kMJ2knhzhEoezCyF/PWcHWfLRTeGpsoiH6QFDru0q6k=:4unHzinl//gcSJMmaaMuqU5O6AVJArTcZdl5qZZmLA8=",
        "\u2168|SCRAM-SHA-256$4096:C8RoDBwXK0Ym9gspsFg3Jg==$hpQnFmXLVRm+oYq2qgjDydDfDyzGv5VKoeBq4mn9o+M=:AFSt2tuvPrDDSofeXx2Cgcvn5fO/4UvZ8Y9ywnRRHaQ=",
        "a\u00A0b|SCRAM-SHA-256$4096:MfwpWvlmKE66Xi2o9OEBLQ==$w0VYUh5I/WVjeqXPQEz/TYpNi7L6w/Xvf55QNQ+Mqew=:0RicWnlxWow0SUAoKVdmIZvoHSLdJRuFuqAa9K/s+4s=",
        "x\u0007|SCRAM-SHA-256$4096:MwekuwGI+d/k3fjN2kAb+A==$fmwwJj/9tVmGI+FuetbtE1H35YzHEmK2WsTv2+vCueM=:c6tURMGYvEaq6L/YEEEMLbtLIH1kSb6gM3vRlriWmzQ=",
        "ab\u0007\u00FC|SCRAM-SHA-256$4096:cdljVPwMNHdr8NG096f1Tw==$kc3OX1TLNp/ZzURbTfQ/K4NLzicVJGPMQSddfqJoQL8=:qkfQFLeZXvKWTTSflMGHQitFtAE8JholCAabczVtYzc=",
        "\uFF21\u0627|SCRAM-SHA-256$4096:ScVodn+HIGVnOQqDnDAlnw==$9rxihLBuFMuLUVNMaurFGNAw67cQqXGJViIRcSGzO5I=:np1g7wf9aSutw10freZdy7ULMFXvNM0tEJX8B9D0ucs=",
        "\uFF21\uD83D\uDE00|SCRAM-SHA-256$4096:uWCaetZ262AQbo82D5hwyg==$4gYOOYlB+i1j/c9Nkw0wfM0kiDmOAx7fP8fXYwYlfsw=:MRWBldPlQU9t3jIYWUC7aPQ6ngA94y0fN/RJjDdWKRU=",
        "\u00AD|SCRAM-SHA-256$4096:CehGQn3ql+2yH2o2UalJNw==$8AJIWRsd7B9UWummWfkozvLr1Iopd1fM+WOVNnVUN4E=:s8XUOaZkEH7guCgqzDavj1GntJevB3jnknDQTJvsvNc=",
        "\u0627\u0031|SCRAM-SHA-256$4096:2HtCkltk3OWqG9A/vQoiAQ==$AaiYQnGW3Y3F5XznufGLseg4Oksp1d9Vyzy3hONILE4=:mMBAv8o29gGywHGz/JDk0bMh4GCMZx1yjTjPd+Z3IXk=",
        "\u0627\u0628|SCRAM-SHA-256$4096:q6kPg/a2KVvLyCvuOBwGaQ==$u0B7trSB5Jge/bYMCobqlo0sZEJ7FFNuVFFytRRcip0=:bUAh7Qp7m+Hn3rFO9KZFSogy4RTu94VcPENRxCgfTzk=",
        "\u00C5|SCRAM-SHA-256$4096:tYu42zQSZRcJOqfdoDsY7w==$6ZVyb0yNaYmCpKEqcEr4JPGgUzvRQ4OJ6D3qbWop9Wk=:y1MdbvfskWlCq8w2v6y0wFM0lgrofwS8fTY9Fmex7F4=",
        "A\u030A|SCRAM-SHA-256$4096:tYu42zQSZRcJOqfdoDsY7w==$6ZVyb0yNaYmCpKEqcEr4JPGgUzvRQ4OJ6D3qbWop9Wk=:y1MdbvfskWlCq8w2v6y0wFM0lgrofwS8fTY9Fmex7F4=",
    })
    void derivesTheKeysPostgresStored(String password, String secret) throws Exception {
        String[] parts = secret.split("[$:]");
        byte[] salt = Base64.getDecoder().decode(parts[2]);

        byte[] salted = HmacSha256.pbkdf2(SaslPrep.prepare(password.toCharArray()), salt, Integer.parseInt(parts[1]));
        HmacSha256 mac = new HmacSha256(salted);

        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(mac.mac("Client Key".getBytes(UTF_8)));
        assertThat(Base64.getEncoder().encodeToString(storedKey)).isEqualTo(parts[3]);
        assertThat(Base64.getEncoder().encodeToString(mac.mac("Server Key".getBytes(UTF_8)))).isEqualTo(parts[4]);
    }
}
