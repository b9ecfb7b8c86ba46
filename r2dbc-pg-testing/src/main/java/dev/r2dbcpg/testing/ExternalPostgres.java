package dev.r2dbcpg.testing;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A server the user already runs, named by a {@code postgresql://user:password@host:port/db} URL
 * ({@code PG_TEST_URL}). Its authentication rules and TLS set-up are not the fixture's, so
 * {@link #user(AuthMethod)} is unavailable; the superuser in the URL is used for everything.
 */
final class ExternalPostgres implements PostgresServer {

    private final String host;
    private final int port;
    private final String database;
    private final Credentials superuser;
    private final int major;

    private ExternalPostgres(String host, int port, String database, Credentials superuser) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.superuser = superuser;
        this.major = queryMajorVersion();
    }

    /** Parses {@code url} and checks that the server answers. */
    static ExternalPostgres connect(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("PG_TEST_URL is not a URL (expected postgresql://user:password@host:port/db)", e);
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("PG_TEST_URL must start with postgresql:// (was " + uri.getScheme() + "://)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("PG_TEST_URL names no host");
        }
        String user = "postgres";
        String password = "";
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = Urls.decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : Urls.decode(userInfo.substring(colon + 1));
        }
        String path = uri.getRawPath();
        String database = path == null || path.length() <= 1 ? user : Urls.decode(path.substring(1));
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new ExternalPostgres(host, uri.getPort() < 0 ? 5432 : uri.getPort(), database,
                new Credentials(user, password));
    }

    private int queryMajorVersion() {
        try (var c = openJdbc(); var s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the PG_TEST_URL server at " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Kind kind() {
        return Kind.EXTERNAL;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public Credentials superuser() {
        return superuser;
    }

    @Override
    public Credentials user(AuthMethod method) {
        throw new UnsupportedOperationException("The PG_TEST_URL server's pg_hba.conf is not the fixture's: no "
                + method.hbaMethod() + " user is guaranteed");
    }

    @Override
    public boolean authMethodsConfigured() {
        return false;
    }

    @Override
    public @Nullable Path caCertificate() {
        return null;
    }

    @Override
    public int majorVersion() {
        return major;
    }

    @Override
    public String toString() {
        return "ExternalPostgres[" + major + " on " + Urls.hostPort(host, port) + "]";
    }
}
