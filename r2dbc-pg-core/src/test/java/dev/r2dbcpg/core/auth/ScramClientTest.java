package dev.r2dbcpg.core.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import dev.r2dbcpg.core.auth.ScramClient.ChannelBindingPolicy;
import dev.r2dbcpg.core.auth.ScramClient.Gs2;
import dev.r2dbcpg.core.error.PgAuthenticationException;
import org.junit.jupiter.api.Test;

class ScramClientTest {

    private static final String RFC_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String RFC_SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    /** RFC 7677 section 3; the server signature as published is {@code ...RsjRTNiI=}, a known erratum. */
    @Test
    void computesRfc7677TestVector() {
        ScramClient client = ScramClient.create("pencil".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 4096,
                "user", RFC_NONCE);

        assertThat(ascii(client.clientFirstMessage())).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(ascii(client.clientFinalMessage(bytes(RFC_SERVER_FIRST)))).isEqualTo(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        client.verifyServerFinal(bytes("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    }

    @Test
    void clientFirstMessageHasEmptyUserAndFreshBase64Nonce() {
        String first = ascii(ScramClient.create("pw".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 4096)
                .clientFirstMessage());
        String other = ascii(ScramClient.create("pw".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 4096)
                .clientFirstMessage());

        assertThat(first).matches("n,,n=,r=[A-Za-z0-9+/]{24}");
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void escapesCommaAndEqualsInUserName() {
        ScramClient client = ScramClient.create("pw".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 4096, "a=b,c", "N");

        assertThat(ascii(client.clientFirstMessage())).isEqualTo("n,,n=a=3Db=2Cc,r=N");
    }

    @Test
    void clientNotSupportingBindingSendsNHeader() {
        ScramClient client = client(Gs2.CLIENT_NOT_SUPPORTED, null);

        assertThat(client.mechanism()).isEqualTo("SCRAM-SHA-256");
        assertThat(ascii(client.clientFirstMessage())).startsWith("n,,n=,r=");
        assertThat(ascii(client.clientFinalMessage(serverFirst(4096)))).startsWith("c=biws,");
    }

    @Test
    void clientSupportingBindingWithoutServerSupportSendsYHeader() {
        ScramClient client = client(Gs2.SERVER_NOT_SUPPORTED, null);

        assertThat(client.mechanism()).isEqualTo("SCRAM-SHA-256");
        assertThat(ascii(client.clientFirstMessage())).startsWith("y,,n=,r=");
        // base64("y,,")
        assertThat(ascii(client.clientFinalMessage(serverFirst(4096)))).startsWith("c=eSws,");
    }

    @Test
    void tlsServerEndPointBindingSendsHeaderAndCertificateHash() {
        byte[] hash = {1, 2, 3, (byte) 0xFF};
        ScramClient client = client(Gs2.TLS_SERVER_END_POINT, hash);

        assertThat(client.mechanism()).isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(ascii(client.clientFirstMessage())).startsWith("p=tls-server-end-point,,n=,r=");
        String cbind = ascii(client.clientFinalMessage(serverFirst(4096))).split(",")[0];
        byte[] expected = new byte[24 + 4];
        System.arraycopy(bytes("p=tls-server-end-point,,"), 0, expected, 0, 24);
        System.arraycopy(hash, 0, expected, 24, 4);
        assertThat(cbind).isEqualTo("c=" + Base64.getEncoder().encodeToString(expected));
    }

    @Test
    void tlsServerEndPointBindingNeedsCertificateHash() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ScramClient.create("pw".toCharArray(), Gs2.TLS_SERVER_END_POINT, null, 4096));
    }

    @Test
    void rejectsIterationCountAboveMaximumBeforeHashing() {
        ScramClient client = ScramClient.create("pw".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 10_000, "", "abc");

        assertThatThrownBy(() -> client.clientFinalMessage(bytes("r=abcdef,s=QUJD,i=2147483647")))
                .isInstanceOf(PgAuthenticationException.class)
                .hasMessage("SCRAM server asks for 2147483647 iterations, more than the allowed maximum of 10000");
    }

    @Test
    void acceptsIterationCountEqualToMaximum() {
        ScramClient client = ScramClient.create("pw".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 4096, "", "abc");

        assertThat(ascii(client.clientFinalMessage(bytes("r=abcdef,s=QUJD,i=4096")))).startsWith("c=biws,r=abcdef,p=");
    }

    @Test
    void rejectsInvalidIterationCounts() {
        for (String i : new String[] {"0", "-1", "+5", "", "x", "99999999999", "4096 "}) {
            ScramClient client = ScramClient.create("pw".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 4096, "", "abc");
            assertThatThrownBy(() -> client.clientFinalMessage(bytes("r=abcdef,s=QUJD,i=" + i)))
                    .as("i=%s", i)
                    .isInstanceOf(PgAuthenticationException.class)
                    .hasMessageContaining("iteration");
        }
    }

    @Test
    void rejectsServerNonceThatDoesNotExtendClientNonce() {
        for (String nonce : new String[] {"xbcdef", "abc", "ab", "zzzabc"}) {
            ScramClient client = ScramClient.create("pw".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 4096, "", "abc");
            assertThatThrownBy(() -> client.clientFinalMessage(bytes("r=" + nonce + ",s=QUJD,i=4096")))
                    .as("r=%s", nonce)
                    .isInstanceOf(PgAuthenticationException.class)
                    .hasMessageContaining("nonce mismatch");
        }
    }

    @Test
    void rejectsMalformedServerFirstMessages() {
        for (String message : new String[] {
            "m=ext,r=abcdef,s=QUJD,i=4096", "s=QUJD,r=abcdef,i=4096", "r=abcdef,s=QUJD", "r=abcdef,s=!!!,i=4096",
            "r=abcdef,s=,i=4096", "r=abc\u00e9f,s=QUJD,i=4096", "r=abc\tf,s=QUJD,i=4096", ""}) {
            ScramClient client = ScramClient.create("pw".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 4096, "", "abc");
            assertThatThrownBy(() -> client.clientFinalMessage(message.getBytes(UTF_8)))
                    .as(message)
                    .isInstanceOf(PgAuthenticationException.class);
        }
    }

    @Test
    void ignoresExtensionsAfterIterationCount() {
        ScramClient client = ScramClient.create("pw".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 4096, "", "abc");

        assertThat(ascii(client.clientFinalMessage(bytes("r=abcdef,s=QUJD,i=1,x=future")))).startsWith("c=biws,r=abcdef,p=");
    }

    @Test
    void rejectsWrongServerSignatureWithoutRevealingPassword() {
        ScramClient client = ScramClient.create("pencil".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 4096,
                "user", RFC_NONCE);
        client.clientFinalMessage(bytes(RFC_SERVER_FIRST));

        assertThatThrownBy(() -> client.verifyServerFinal(bytes("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjRTNiI=")))
                .isInstanceOf(PgAuthenticationException.class)
                .hasMessageContaining("server signature does not match")
                .hasMessageNotContaining("pencil");
    }

    @Test
    void reportsServerErrorAttribute() {
        ScramClient client = client(Gs2.CLIENT_NOT_SUPPORTED, null);
        client.clientFinalMessage(serverFirst(4096));

        assertThatThrownBy(() -> client.verifyServerFinal(bytes("e=invalid-proof")))
                .isInstanceOf(PgAuthenticationException.class)
                .hasMessage("SCRAM authentication failed: server reported error \"invalid-proof\"");
    }

    @Test
    void rejectsMalformedServerFinalMessages() {
        for (String message : new String[] {"", "x=1", "v=***"}) {
            ScramClient client = client(Gs2.CLIENT_NOT_SUPPORTED, null);
            client.clientFinalMessage(serverFirst(4096));
            assertThatThrownBy(() -> client.verifyServerFinal(bytes(message)))
                    .as(message)
                    .isInstanceOf(PgAuthenticationException.class)
                    .hasMessageContaining("Malformed");
        }
    }

    @Test
    void enforcesCallOrder() {
        ScramClient client = client(Gs2.CLIENT_NOT_SUPPORTED, null);

        assertThatIllegalStateException().isThrownBy(() -> client.verifyServerFinal(bytes("v=AAAA")));
        client.clientFinalMessage(serverFirst(4096));
        assertThatIllegalStateException().isThrownBy(() -> client.clientFinalMessage(serverFirst(4096)));
    }

    @Test
    void leavesCallersPasswordUntouched() {
        char[] password = "pencil".toCharArray();
        ScramClient client = ScramClient.create(password, Gs2.CLIENT_NOT_SUPPORTED, null, 4096, "", "abc");
        client.clientFinalMessage(bytes("r=abcdef,s=QUJD,i=1"));

        assertThat(password).containsExactly('p', 'e', 'n', 'c', 'i', 'l');
    }

    /**
     * Plays the server side against a secret PostgreSQL 18 stored for password "pencil"
     * ({@code CREATE ROLE ... PASSWORD 'pencil'} with {@code password_encryption = scram-sha-256}).
     */
    @Test
    void authenticatesAgainstSecretStoredByPostgres() throws Exception {
        String[] secret = "SCRAM-SHA-256$4096:vYIdvuKiW8DMKTv7enMkMA==$kJ/vy2VbcdNG6ASm0C7yvc8FMx4Fq0+8Ad0aAGEXPGw=:TDqNDOyDL2kHHvk7OjK/5/2wrG81GApCVzI4U1RtXnc="
                .split("[$:]");
        byte[] storedKey = Base64.getDecoder().decode(secret[3]);
        byte[] serverKey = Base64.getDecoder().decode(secret[4]);
        ScramClient client = ScramClient.create("pencil".toCharArray(), Gs2.CLIENT_NOT_SUPPORTED, null, 4096);
        String clientFirstBare = ascii(client.clientFirstMessage()).substring(3);
        String serverFirst = "r=" + clientFirstBare.substring(5) + "serverpart,s=" + secret[2] + ",i=" + secret[1];

        String clientFinal = ascii(client.clientFinalMessage(bytes(serverFirst)));

        String withoutProof = clientFinal.substring(0, clientFinal.indexOf(",p="));
        byte[] authMessage = bytes(clientFirstBare + "," + serverFirst + "," + withoutProof);
        byte[] proof = Base64.getDecoder().decode(clientFinal.substring(clientFinal.indexOf(",p=") + 3));
        byte[] clientSignature = new HmacSha256(storedKey).mac(authMessage);
        for (int i = 0; i < proof.length; i++) {
            proof[i] ^= clientSignature[i];
        }
        assertThat(MessageDigest.getInstance("SHA-256").digest(proof)).as("H(ClientKey) = StoredKey").isEqualTo(storedKey);
        client.verifyServerFinal(bytes("v=" + Base64.getEncoder().encodeToString(new HmacSha256(serverKey).mac(authMessage))));
    }

    @Test
    void selectsMechanismByChannelBindingPolicy() {
        List<String> both = List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256");
        List<String> plainOnly = List.of("SCRAM-SHA-256");

        assertThat(ScramClient.selectMechanism(both, true, ChannelBindingPolicy.PREFER)).isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(ScramClient.selectMechanism(both, false, ChannelBindingPolicy.PREFER)).isEqualTo("SCRAM-SHA-256");
        assertThat(ScramClient.selectMechanism(plainOnly, true, ChannelBindingPolicy.PREFER)).isEqualTo("SCRAM-SHA-256");
        assertThat(ScramClient.selectMechanism(both, true, ChannelBindingPolicy.DISABLE)).isEqualTo("SCRAM-SHA-256");
        assertThat(ScramClient.selectMechanism(both, true, ChannelBindingPolicy.REQUIRE)).isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(ScramClient.selectMechanism(both, false, ChannelBindingPolicy.REQUIRE)).isNull();
        assertThat(ScramClient.selectMechanism(plainOnly, true, ChannelBindingPolicy.REQUIRE)).isNull();
        assertThat(ScramClient.selectMechanism(List.of("OAUTHBEARER"), true, ChannelBindingPolicy.PREFER)).isNull();
    }

    @Test
    void choosesGs2FlagAsLibpqDoes() {
        assertThat(ScramClient.gs2For("SCRAM-SHA-256-PLUS", true, ChannelBindingPolicy.PREFER)).isEqualTo(Gs2.TLS_SERVER_END_POINT);
        assertThat(ScramClient.gs2For("SCRAM-SHA-256", true, ChannelBindingPolicy.PREFER)).isEqualTo(Gs2.SERVER_NOT_SUPPORTED);
        assertThat(ScramClient.gs2For("SCRAM-SHA-256", true, ChannelBindingPolicy.DISABLE)).isEqualTo(Gs2.CLIENT_NOT_SUPPORTED);
        assertThat(ScramClient.gs2For("SCRAM-SHA-256", false, ChannelBindingPolicy.PREFER)).isEqualTo(Gs2.CLIENT_NOT_SUPPORTED);
    }

    private static ScramClient client(Gs2 gs2, byte[] channelBindingData) {
        return ScramClient.create("pw".toCharArray(), gs2, channelBindingData, 4096, "", "abc");
    }

    private static byte[] serverFirst(int iterations) {
        return bytes("r=abcdef,s=QUJD,i=" + iterations);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(US_ASCII);
    }

    private static String ascii(byte[] b) {
        return new String(b, US_ASCII);
    }
}
