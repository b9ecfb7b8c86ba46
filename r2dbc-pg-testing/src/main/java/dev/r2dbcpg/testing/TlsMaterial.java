package dev.r2dbcpg.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA, a server certificate it signs (SAN: localhost, 127.0.0.1, ::1), and a client
 * certificate for the {@code cert} user, written as PEM files into one directory.
 */
final class TlsMaterial {

    static final String CA_FILE = "ca.crt";
    static final String SERVER_CERT_FILE = "server.crt";
    static final String SERVER_KEY_FILE = "server.key";
    static final String CLIENT_CERT_FILE = "client.crt";
    static final String CLIENT_KEY_FILE = "client.key";
    static final String CLIENT_ENCRYPTED_KEY_FILE = "client-encrypted.key";

    /** The password of {@link #CLIENT_ENCRYPTED_KEY_FILE}. */
    static final String CLIENT_KEY_PASSWORD = "key-secret";

    /** The role whose client certificate the fixture issues ({@code cert} authentication). */
    static final String CERT_USER = "r2dbcpg_cert";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TlsMaterial() {
    }

    /** Generates the CA, server and client material into {@code dir} (which must exist). */
    static void generate(Path dir) {
        try {
            KeyPair caKeys = rsa();
            X500Name caName = new X500Name("CN=r2dbc-pg test CA");
            X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
                    caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), caKeys);

            KeyPair serverKeys = rsa();
            GeneralNames san = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, InetAddress.getByName("::1").getHostAddress()),
            });
            X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
                    new X500Name("CN=localhost"), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false, san), caKeys);

            KeyPair clientKeys = rsa();
            X509Certificate client = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
                    new X500Name("CN=" + CERT_USER), clientKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false)), caKeys);

            Files.writeString(dir.resolve(CA_FILE), pem(ca));
            Files.writeString(dir.resolve(SERVER_CERT_FILE), pem(server));
            Files.writeString(dir.resolve(SERVER_KEY_FILE), pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)));
            Files.writeString(dir.resolve(CLIENT_CERT_FILE), pem(client));
            Files.writeString(dir.resolve(CLIENT_KEY_FILE), pem(new JcaPKCS8Generator(clientKeys.getPrivate(), null)));
            Files.writeString(dir.resolve(CLIENT_ENCRYPTED_KEY_FILE), pem(new JcaPKCS8Generator(clientKeys.getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider()).setRandom(RANDOM)
                            .setPassword(CLIENT_KEY_PASSWORD.toCharArray()).build())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate TLS material in " + dir, e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).abs().add(BigInteger.ONE);
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofDays(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(30)));
    }

    private static String pem(Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(value);
        }
        return out.toString();
    }
}
