package dev.r2dbcpg.core.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings of a {@link PgConnectionConfiguration}, with libpq's meanings. Paths are used as given;
 * when a path is null the TLS layer applies libpq's defaults ({@code ~/.postgresql/root.crt},
 * {@code postgresql.crt}, {@code postgresql.key}) if those files exist. {@link #toString()} never shows
 * the key password.
 */
public final class TlsSettings {

    private final SslMode sslMode;
    private final @Nullable Path sslRootCert;
    private final @Nullable Path sslCert;
    private final @Nullable Path sslKey;
    private final char @Nullable [] sslPassword;
    private final SslNegotiation sslNegotiation;
    private final boolean sslSni;

    TlsSettings(SslMode sslMode, @Nullable Path sslRootCert, @Nullable Path sslCert, @Nullable Path sslKey,
                char @Nullable [] sslPassword, SslNegotiation sslNegotiation, boolean sslSni) {
        this.sslMode = sslMode;
        this.sslRootCert = sslRootCert;
        this.sslCert = sslCert;
        this.sslKey = sslKey;
        this.sslPassword = sslPassword;
        this.sslNegotiation = sslNegotiation;
        this.sslSni = sslSni;
    }

    /** libpq {@code sslmode}. */
    public SslMode sslMode() {
        return sslMode;
    }

    /** Trusted root certificates (PEM), libpq {@code sslrootcert}; {@code system} is passed through as a path. */
    public @Nullable Path sslRootCert() {
        return sslRootCert;
    }

    /** Client certificate (PEM), libpq {@code sslcert}. */
    public @Nullable Path sslCert() {
        return sslCert;
    }

    /** Client private key (PEM, PKCS#8 or PKCS#1), libpq {@code sslkey}. */
    public @Nullable Path sslKey() {
        return sslKey;
    }

    /** Password of an encrypted {@link #sslKey()}, as a fresh copy the caller should zero; or null. */
    public char @Nullable [] sslPassword() {
        return sslPassword == null ? null : sslPassword.clone();
    }

    /** libpq {@code sslnegotiation}. */
    public SslNegotiation sslNegotiation() {
        return sslNegotiation;
    }

    /** libpq {@code sslsni}: whether the host name is sent in the TLS SNI extension. */
    public boolean sslSni() {
        return sslSni;
    }

    @Override
    public String toString() {
        return "sslMode=" + sslMode + ", sslRootCert=" + sslRootCert + ", sslCert=" + sslCert
                + ", sslKey=" + sslKey + ", sslPassword=" + (sslPassword == null ? "<none>" : "<set>")
                + ", sslNegotiation=" + sslNegotiation + ", sslSni=" + sslSni;
    }
}
