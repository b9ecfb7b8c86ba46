package dev.r2dbcpg.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import dev.r2dbcpg.core.error.PgAuthenticationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Certificates made with {@code openssl req -x509}; expected hashes from {@code openssl dgst} of their DER. */
class TlsServerEndPointTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rsa256.pem, 425e32863197131cdebb1a237f33e8d29fced16b9f2e1ff858ee8b11617a3eb7",
        "rsa1.pem, b08bcbf0ffb35bcda1689e28e78bb889cedbb8139fe376c1ad2282cc42d4f59d",
        "ec384.pem, 15b723ce42270fe1dcc9bbe81884561002738a376f5a8c27e47a89e13570befa2bf948e8dd113155f8e963e84178ec74",
        "pss512.pem, 8dfc8b614affebe27875a07baa5e5c9eeb174484243080638ed333c016f12d6130f061d068b64a77e637c2569c03bd2a345ec0533b3d4fbc04d648d63d40fb8d",
    })
    void hashesCertificateWithItsSignatureHashAndSha256ForSha1(String file, String expectedHex) throws Exception {
        assertThat(HexFormat.of().formatHex(ScramClient.tlsServerEndPointHash(load(file)))).isEqualTo(expectedHex);
    }

    @Test
    void rejectsSignatureAlgorithmWithoutHash() throws Exception {
        X509Certificate ed25519 = load("ed.pem");

        assertThatThrownBy(() -> ScramClient.tlsServerEndPointHash(ed25519))
                .isInstanceOf(PgAuthenticationException.class)
                .hasMessageContaining("Ed25519");
    }

    private static X509Certificate load(String file) throws Exception {
        try (InputStream in = TlsServerEndPointTest.class.getResourceAsStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
