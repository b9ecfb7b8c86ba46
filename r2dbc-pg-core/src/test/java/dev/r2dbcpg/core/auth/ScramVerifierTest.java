package dev.r2dbcpg.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ScramVerifierTest {

    private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");

    @Test
    void matchesAnIndependentComputationWithTheJdksPbkdf2AndHmac() throws Exception {
        String verifier = ScramVerifier.encode("pencil".toCharArray(), SALT, 4096);

        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("pencil".toCharArray(), SALT, 4096, 256)).getEncoded();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salted, "HmacSHA256"));
        byte[] clientKey = mac.doFinal("Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverKey = mac.doFinal("Server Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        Base64.Encoder b64 = Base64.getEncoder();
        assertThat(verifier).isEqualTo("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$" + b64.encodeToString(storedKey)
                + ":" + b64.encodeToString(serverKey));
    }

    @Test
    void appliesSaslPrepSoThatEquivalentUnicodeSpellingsGiveOneVerifier() {
        // U+00AA normalises (NFKC) to 'a'; U+00AD (soft hyphen) is mapped to nothing.
        assertThat(ScramVerifier.encode("p\u00ADa\u00AA".toCharArray(), SALT, 16))
                .isEqualTo(ScramVerifier.encode("paa".toCharArray(), SALT, 16));
    }

    @Test
    void randomSaltOfSixteenBytesAndTheDefaultIterationCount() {
        String a = ScramVerifier.encode("secret".toCharArray());
        String b = ScramVerifier.encode("secret".toCharArray());
        assertThat(a).startsWith("SCRAM-SHA-256$4096:").isNotEqualTo(b).doesNotContain("secret");
        String salt = a.substring(a.indexOf(':') + 1, a.indexOf('$', a.indexOf(':')));
        assertThat(Base64.getDecoder().decode(salt)).hasSize(16);
    }

    @Test
    void refusesAnEmptySaltOrNoIterations() {
        assertThatThrownBy(() -> ScramVerifier.encode("x".toCharArray(), new byte[0], 4096))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScramVerifier.encode("x".toCharArray(), SALT, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
