package dev.r2dbcpg.core.auth;

import dev.r2dbcpg.core.config.GssCredentials;
import dev.r2dbcpg.core.error.PgAuthenticationException;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.jspecify.annotations.Nullable;

/**
 * One GSSAPI (Kerberos V5) security context, as the client of PostgreSQL's {@code gss} authentication,
 * with the JDK's JGSS. The service principal is {@code <krbsrvname>@<host>} (a host-based service name),
 * made from the host the caller connects to, as libpq makes it; nothing the server sends changes it.
 * Mutual authentication is requested and checked: the context is only established once the server's
 * reply proves the server holds the service key. Not thread-safe; one exchange at a time.
 */
public final class GssClient {

    private static final String KRB5_MECHANISM = "1.2.840.113554.1.2.2";

    private final Subject subject;
    private final GSSContext context;
    private final String service;

    private GssClient(Subject subject, GSSContext context, String service) {
        this.subject = subject;
        this.context = context;
        this.service = service;
    }

    /**
     * Logs in with {@code credentials} and creates the context for {@code serviceName@host}. Blocking (JAAS
     * login, file reads): never on the event loop.
     *
     * @throws PgAuthenticationException when the login fails or the name is not usable
     */
    public static GssClient start(GssCredentials credentials, String serviceName, String host) {
        String service = serviceName + "@" + host;
        Subject subject;
        try {
            subject = credentials.login();
        } catch (LoginException e) {
            throw new PgAuthenticationException("GSSAPI: no Kerberos credentials from " + credentials + ": "
                    + e.getMessage(), e);
        }
        try {
            GSSContext context = Subject.doAs(subject, (PrivilegedExceptionAction<GSSContext>) () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSName target = manager.createName(service, GSSName.NT_HOSTBASED_SERVICE);
                GSSContext c = manager.createContext(target, new Oid(KRB5_MECHANISM), null, GSSContext.DEFAULT_LIFETIME);
                c.requestMutualAuth(true);
                c.requestCredDeleg(false);
                return c;
            });
            return new GssClient(subject, context, service);
        } catch (PrivilegedActionException e) {
            throw failure("cannot set up a context for " + service, e.getException());
        }
    }

    /**
     * The next context step: the first call takes an empty token, later ones the server's
     * {@code AuthenticationGSSContinue} data. The first step asks the KDC for a service ticket
     * (blocking).
     *
     * @return the token to send, or null when there is none (the context is then established)
     * @throws PgAuthenticationException when the step fails (no or expired ticket, unknown service
     *     principal, a server reply that does not prove the server's identity)
     */
    public byte @Nullable [] step(byte[] serverToken) {
        if (context.isEstablished()) {
            throw new PgAuthenticationException("GSSAPI: the server continued an exchange that is already complete");
        }
        try {
            byte[] token = Subject.doAs(subject,
                    (PrivilegedExceptionAction<byte[]>) () -> context.initSecContext(serverToken, 0, serverToken.length));
            if (context.isEstablished() && !context.getMutualAuthState()) {
                throw new PgAuthenticationException("GSSAPI: the server did not authenticate itself (no mutual "
                        + "authentication) for " + service);
            }
            return token == null || token.length == 0 ? null : token;
        } catch (PrivilegedActionException e) {
            throw failure("authentication for " + service + " failed", e.getException());
        }
    }

    /** Whether the exchange is complete on the client's side. */
    public boolean established() {
        return context.isEstablished();
    }

    /** Releases the context's resources; the credentials stay with their subject. */
    public void dispose() {
        try {
            context.dispose();
        } catch (GSSException ignored) {
            // nothing to release then
        }
    }

    private static PgAuthenticationException failure(String what, Exception cause) {
        if (cause instanceof PgAuthenticationException e) {
            return e;
        }
        String detail = cause instanceof GSSException g ? g.getMessage() : String.valueOf(cause);
        return new PgAuthenticationException("GSSAPI: " + what + ": " + detail, cause);
    }
}
