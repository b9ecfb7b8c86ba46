package dev.r2dbcpg.core.client;

import dev.r2dbcpg.core.config.SslMode;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How to secure the connection, following libpq's {@code ssl*} options.
 *
 * @param mode {@code sslmode}
 * @param rootCertificate PEM trust roots ({@code sslrootcert}); null = the JDK's default trust store
 *     for {@link SslMode#VERIFY_CA}/{@link SslMode#VERIFY_FULL}, no verification below them
 * @param clientCertificate PEM client certificate chain ({@code sslcert}); used only with {@code clientKey}
 * @param clientKey PKCS#8 PEM client key ({@code sslkey})
 * @param keyPassword password of {@code clientKey}, null when unencrypted
 * @param hostNameToVerify the name the certificate must match under {@link SslMode#VERIFY_FULL};
 *     null = the host connected to
 * @param directNegotiation {@code sslnegotiation=direct} (PostgreSQL 17+): start TLS at once with
 *     ALPN "postgresql" instead of sending SSLRequest; needs a mode of at least {@link SslMode#REQUIRE}
 * @param sni libpq {@code sslsni}: send the host name in the TLS SNI extension (never for IP literals)
 */
public record TlsSettings(SslMode mode, @Nullable Path rootCertificate, @Nullable Path clientCertificate,
        @Nullable Path clientKey, @Nullable String keyPassword, @Nullable String hostNameToVerify,
        boolean directNegotiation, boolean sni) {

    /** SNI on. */
    public TlsSettings(SslMode mode, @Nullable Path rootCertificate, @Nullable Path clientCertificate,
            @Nullable Path clientKey, @Nullable String keyPassword, @Nullable String hostNameToVerify,
            boolean directNegotiation) {
        this(mode, rootCertificate, clientCertificate, clientKey, keyPassword, hostNameToVerify, directNegotiation,
                true);
    }

    /** Validates the combination. */
    public TlsSettings {
        if (directNegotiation && mode.allowsPlain()) {
            throw new IllegalArgumentException("sslnegotiation=direct requires sslmode require or stronger, not "
                    + mode);
        }
    }

    /** No TLS. */
    public static TlsSettings disabled() {
        return new TlsSettings(SslMode.DISABLE, null, null, null, null, null, false);
    }

    /** A copy in another mode (the {@code sslmode=allow} retry uses it). */
    public TlsSettings withMode(SslMode mode) {
        return new TlsSettings(mode, rootCertificate, clientCertificate, clientKey, keyPassword, hostNameToVerify,
                directNegotiation, sni);
    }

    /** The given mode with no files, default trust and SSLRequest negotiation. */
    public static TlsSettings of(SslMode mode) {
        return new TlsSettings(mode, null, null, null, null, null, false);
    }
}
