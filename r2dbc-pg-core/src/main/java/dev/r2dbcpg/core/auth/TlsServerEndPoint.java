package dev.r2dbcpg.core.auth;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;

import dev.r2dbcpg.core.error.PgAuthenticationException;

/** RFC 5929 section 4.1 {@code tls-server-end-point} channel binding data. */
final class TlsServerEndPoint {

    private TlsServerEndPoint() {
    }

    static byte[] hash(X509Certificate cert) {
        String digest = digestOf(cert);
        try {
            return MessageDigest.getInstance(digest).digest(cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new PgAuthenticationException("Cannot hash the server certificate with " + digest, e);
        }
    }

    /**
     * The hash function of the certificate's signature algorithm, with MD5 and SHA-1 replaced by
     * SHA-256, as a {@link MessageDigest} algorithm name.
     */
    static String digestOf(X509Certificate cert) {
        String name = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        String hash;
        if (name.equals("RSASSA-PSS")) {
            hash = pssDigest(cert);
        } else {
            int with = name.indexOf("WITH");
            if (with <= 0) {
                throw noHash(cert);
            }
            hash = name.substring(0, with);
        }
        return switch (hash.replace("-", "")) {
            case "MD5", "SHA1", "SHA256" -> "SHA-256";
            case "SHA224" -> "SHA-224";
            case "SHA384" -> "SHA-384";
            case "SHA512" -> "SHA-512";
            case "SHA3224" -> "SHA3-224";
            case "SHA3256" -> "SHA3-256";
            case "SHA3384" -> "SHA3-384";
            case "SHA3512" -> "SHA3-512";
            default -> throw noHash(cert);
        };
    }

    private static String pssDigest(X509Certificate cert) {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
            params.init(cert.getSigAlgParams());
            return params.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm().toUpperCase(Locale.ROOT);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw noHash(cert);
        }
    }

    private static PgAuthenticationException noHash(X509Certificate cert) {
        return new PgAuthenticationException("Server certificate signature algorithm " + cert.getSigAlgName()
                + " has no hash function for tls-server-end-point channel binding");
    }
}
