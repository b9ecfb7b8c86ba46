package dev.r2dbcpg.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What the fixture configures in a server it controls: the {@code pg_hba.conf} rules and one role per
 * {@link AuthMethod}, so that each method can be tested over plain and TLS connections.
 */
final class ServerProvisioning {

    private ServerProvisioning() {
    }

    /**
     * The fixture's {@code pg_hba.conf}: the superuser over SCRAM, one role per method over {@code host}
     * (which matches TLS and plain connections), a TLS-only role, and the client-certificate role.
     */
    static String hbaConf() {
        List<String> lines = new ArrayList<>();
        lines.add("# TYPE    DATABASE USER                ADDRESS  METHOD");
        // Unix-domain socket: peer for the peer role (any OS user maps to it, see identConf), SCRAM for
        // the SCRAM role, trust for everyone else.
        lines.add(String.format("local     all      %-19s          peer map=%s", PEER_USER, PEER_USER));
        lines.add(String.format("local     all      %-19s          scram-sha-256", AuthMethod.SCRAM_SHA_256.user()));
        lines.add("local     all      all                          trust");
        for (AuthMethod method : AuthMethod.values()) {
            lines.add(String.format("host      all      %-19s all      %s", method.user(), method.hbaMethod()));
        }
        lines.add(String.format("hostssl   all      %-19s all      cert", TlsMaterial.CERT_USER));
        lines.add(String.format("hostssl   all      %-19s all      scram-sha-256", "r2dbcpg_tls_only"));
        lines.add(String.format("hostnossl all      %-19s all      reject", "r2dbcpg_tls_only"));
        // "md5" lets a freshly initialised 13 (which stores md5 hashes) in; provision() then stores the
        // superuser's password as SCRAM, and md5 rules authenticate SCRAM-stored passwords with SCRAM.
        lines.add("host      all      postgres            all      md5");
        lines.add("host      all      all                 all      scram-sha-256");
        lines.add("host      replication all              all      scram-sha-256");
        return String.join("\n", lines) + "\n";
    }

    /** The role that authenticates over the Unix-domain socket by {@code peer}, from any OS user. */
    static final String PEER_USER = "r2dbcpg_peer";

    /** The fixture's {@code pg_ident.conf}: every OS user may log in as {@link #PEER_USER}. */
    static String identConf() {
        return "# MAPNAME       SYSTEM-USERNAME  PG-USERNAME\n" + PEER_USER + "    /^(.*)$    " + PEER_USER + "\n";
    }

    /** The password of the TLS-only role {@code r2dbcpg_tls_only}. */
    static final String TLS_ONLY_PASSWORD = "pw-tls-only";

    /** Creates the fixture's roles (idempotently) and lets them create objects in {@code public}. */
    static void provision(PostgresServer server) {
        List<String> sql = new ArrayList<>();
        for (AuthMethod method : AuthMethod.values()) {
            // An md5 challenge needs an md5-hashed password; every other method works with SCRAM storage.
            String encryption = method == AuthMethod.MD5 ? "md5" : "scram-sha-256";
            sql.add("SET password_encryption = '" + encryption + "'");
            sql.add(createRole(method.user(), method.password()));
        }
        sql.add("SET password_encryption = 'scram-sha-256'");
        sql.add("ALTER ROLE " + server.superuser().user() + " PASSWORD '" + server.superuser().password() + "'");
        sql.add(createRole("r2dbcpg_tls_only", TLS_ONLY_PASSWORD));
        sql.add(createRole(TlsMaterial.CERT_USER, "pw-cert-unused"));
        sql.add(createRole(PEER_USER, "pw-peer-unused"));
        sql.add("GRANT ALL ON SCHEMA public TO PUBLIC");
        server.execute(sql.toArray(String[]::new));
    }

    private static String createRole(String name, String password) {
        return "DO $$ BEGIN "
                + "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + name + "') THEN "
                + "CREATE ROLE " + name + " LOGIN; END IF; "
                + "ALTER ROLE " + name + " PASSWORD '" + password + "'; END $$";
    }
}
