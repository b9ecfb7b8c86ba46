package dev.r2dbcpg.core.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Authentication methods a server may ask for, as named by libpq's {@code require_auth}.
 * The driver implements {@link #NONE}, {@link #PASSWORD}, {@link #MD5}, {@link #GSS} and {@link #SCRAM_SHA_256};
 * the others exist so that lists written for libpq parse the same.
 */
public enum AuthMethod {
    /** The server asks for no authentication (trust). */
    NONE,
    /** Cleartext password. */
    PASSWORD,
    /** MD5 password hash. */
    MD5,
    /** GSSAPI (Kerberos V5, through the JDK's JGSS). */
    GSS,
    /** SSPI (Windows-native; not available on a JVM). */
    SSPI,
    /** SCRAM-SHA-256, with or without channel binding. */
    SCRAM_SHA_256,
    /** OAuth bearer tokens, PostgreSQL 18 (not implemented by this driver). */
    OAUTH;

    /**
     * Parses a single libpq method name such as {@code scram-sha-256}, case-insensitively.
     *
     * @throws IllegalArgumentException if the name is unknown
     */
    public static AuthMethod parse(String value) {
        return Keyword.parse(AuthMethod.class, "require_auth", value);
    }

    /**
     * Parses a libpq {@code require_auth} list into the set of allowed methods. A list of names
     * ({@code "scram-sha-256,md5"}) allows exactly those; a list of negations ({@code "!password,!md5"})
     * allows every method except those. An empty list gives an empty set, meaning any method.
     *
     * @throws IllegalArgumentException on unknown names, repeated names, or a mix of negated and plain names
     */
    public static Set<AuthMethod> parseRequireAuth(String list) {
        if (list.isBlank()) {
            return Set.of();
        }
        EnumSet<AuthMethod> named = EnumSet.noneOf(AuthMethod.class);
        Boolean negated = null;
        for (String part : list.split(",", -1)) {
            String item = part.trim();
            boolean neg = item.startsWith("!");
            if (neg) {
                item = item.substring(1).trim();
            }
            if (negated != null && negated != neg) {
                throw new IllegalArgumentException(
                        "invalid require_auth value: negative and positive methods cannot be mixed");
            }
            negated = neg;
            if (item.isEmpty()) {
                throw new IllegalArgumentException("invalid require_auth value: empty method name");
            }
            if (!named.add(parse(item))) {
                throw new IllegalArgumentException(
                        "invalid require_auth value: method \"" + item + "\" is specified more than once");
            }
        }
        EnumSet<AuthMethod> allowed = Boolean.TRUE.equals(negated) ? EnumSet.complementOf(named) : named;
        return Collections.unmodifiableSet(allowed);
    }

    /** The libpq spelling, e.g. {@code scram-sha-256}. */
    @Override
    public String toString() {
        return Keyword.libpqName(this);
    }
}
