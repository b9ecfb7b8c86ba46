package dev.r2dbcpg.core.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.jspecify.annotations.Nullable;

/**
 * Where GSSAPI (Kerberos) authentication takes its credentials from: the default credential cache (as
 * {@code kinit} users expect), a given cache file, a keytab plus principal, a JAAS login-configuration
 * entry, or an existing {@link Subject}. None needs a global system property: the cache and keytab forms
 * log in through the JDK's {@code Krb5LoginModule} with a configuration of their own.
 */
public final class GssCredentials {

    private static final String KRB5_LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    private enum Kind { DEFAULT_CACHE, TICKET_CACHE, KEYTAB, JAAS_ENTRY, SUBJECT }

    private final Kind kind;
    private final @Nullable Path path;
    private final @Nullable String name;
    private final @Nullable Subject subject;

    private GssCredentials(Kind kind, @Nullable Path path, @Nullable String name, @Nullable Subject subject) {
        this.kind = kind;
        this.path = path;
        this.name = name;
        this.subject = subject;
    }

    /** The default credential cache: {@code KRB5CCNAME}, else {@code /tmp/krb5cc_<uid>}, as {@code kinit} writes. */
    public static GssCredentials defaultCache() {
        return new GssCredentials(Kind.DEFAULT_CACHE, null, null, null);
    }

    /** A credential cache file (a {@code FILE:} cache, as {@code kinit -c} writes). */
    public static GssCredentials ticketCache(Path cache) {
        return new GssCredentials(Kind.TICKET_CACHE, Objects.requireNonNull(cache, "cache"), null, null);
    }

    /** The keys of {@code principal} (for example {@code app@EXAMPLE.COM}) in {@code keytab}. */
    public static GssCredentials keytab(Path keytab, String principal) {
        return new GssCredentials(Kind.KEYTAB, Objects.requireNonNull(keytab, "keytab"),
                Objects.requireNonNull(principal, "principal"), null);
    }

    /** The JAAS login-configuration entry {@code entry} of the JVM's {@link Configuration}. */
    public static GssCredentials jaasEntry(String entry) {
        return new GssCredentials(Kind.JAAS_ENTRY, null, Objects.requireNonNull(entry, "entry"), null);
    }

    /** A {@link Subject} that already holds Kerberos credentials (from the application's own login). */
    public static GssCredentials subject(Subject subject) {
        return new GssCredentials(Kind.SUBJECT, null, null, Objects.requireNonNull(subject, "subject"));
    }

    /**
     * Logs in and returns the subject holding the credentials. Blocking (it reads files and may ask the
     * KDC for a ticket): call it off the event loop.
     *
     * @throws LoginException when no credentials are found, the keytab lacks the principal, or the KDC refuses
     */
    public Subject login() throws LoginException {
        if (kind == Kind.SUBJECT) {
            return Objects.requireNonNull(subject);
        }
        LoginContext context;
        if (kind == Kind.JAAS_ENTRY) {
            context = new LoginContext(Objects.requireNonNull(name), new Subject());
        } else {
            Map<String, String> options = new HashMap<>();
            options.put("doNotPrompt", "true");
            options.put("isInitiator", "true");
            options.put("refreshKrb5Config", "true");
            if (kind == Kind.KEYTAB) {
                options.put("useKeyTab", "true");
                options.put("storeKey", "true");
                options.put("keyTab", String.valueOf(path));
                options.put("principal", Objects.requireNonNull(name));
            } else {
                options.put("useTicketCache", "true");
                if (path != null) {
                    options.put("ticketCache", path.toString());
                }
            }
            AppConfigurationEntry entry = new AppConfigurationEntry(KRB5_LOGIN_MODULE,
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options);
            Configuration configuration = new Configuration() {
                @Override
                public AppConfigurationEntry[] getAppConfigurationEntry(String ignored) {
                    return new AppConfigurationEntry[] {entry};
                }
            };
            context = new LoginContext("r2dbc-pg", new Subject(), callbacks -> {
                throw new javax.security.auth.callback.UnsupportedCallbackException(callbacks[0],
                        "r2dbc-pg never prompts for a Kerberos password");
            }, configuration);
        }
        context.login();
        return context.getSubject();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DEFAULT_CACHE -> "GssCredentials[default credential cache]";
            case TICKET_CACHE -> "GssCredentials[cache " + path + "]";
            case KEYTAB -> "GssCredentials[" + name + " from keytab " + path + "]";
            case JAAS_ENTRY -> "GssCredentials[JAAS entry " + name + "]";
            case SUBJECT -> "GssCredentials[given subject]";
        };
    }
}
