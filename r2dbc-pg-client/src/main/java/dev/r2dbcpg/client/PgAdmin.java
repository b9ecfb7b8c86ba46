package dev.r2dbcpg.client;

import dev.r2dbcpg.core.auth.ScramVerifier;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.StringJoiner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Databases, roles and privileges: {@code CREATE/DROP DATABASE}, {@code CREATE/ALTER/DROP ROLE},
 * {@code GRANT}/{@code REVOKE} of privileges and of role membership, and the catalog views of them.
 *
 * <p>Passwords are sent as SCRAM-SHA-256 verifiers computed on the client (as {@code psql \password}
 * does; PBKDF2 runs on Reactor's bounded-elastic scheduler, never on an event loop), so the clear text
 * reaches neither the server, its logs, {@code pg_stat_activity}, the driver's query log, nor an
 * exception; an error of the statement that carries the verifier has the verifier replaced by
 * {@code ********}.
 *
 * <p>Each call runs on a connection of its own in auto-commit mode, so {@code CREATE}/{@code DROP DATABASE}
 * run outside a transaction block as they must. Names follow the rule of this package; roles, databases and
 * schemas are single identifiers, tables and sequences may be qualified.
 */
public final class PgAdmin {

    private static final String DATABASE_EXISTS =
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1)";
    private static final String LIST_ROLES = "SELECT rolname::text, rolsuper, rolcanlogin, rolcreatedb, "
            + "rolcreaterole, rolinherit, rolconnlimit, rolvaliduntil FROM pg_catalog.pg_roles "
            + "WHERE rolname NOT LIKE 'pg\\_%' ORDER BY 1";
    private static final String ROLE_EXISTS = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1)";
    /** PostgreSQL 16 can record one membership several times (per grantor): one row per pair. */
    private static final String MEMBERSHIPS = "SELECT r.rolname::text, m.rolname::text, bool_or(am.admin_option) "
            + "FROM pg_catalog.pg_auth_members am JOIN pg_catalog.pg_roles r ON r.oid = am.roleid "
            + "JOIN pg_catalog.pg_roles m ON m.oid = am.member ";
    private static final String ROLE_MEMBERS = MEMBERSHIPS + "WHERE r.rolname = $1 GROUP BY 1, 2 ORDER BY 2";
    private static final String ROLE_MEMBERSHIPS = MEMBERSHIPS + "WHERE m.rolname = $1 GROUP BY 1, 2 ORDER BY 1";
    private static final String ROLE_GRANTS = "WITH grantee AS (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = $1) "
            + "SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, n.nspname::text, c.relname::text, "
            + "a.privilege_type, a.is_grantable FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace, "
            + "LATERAL pg_catalog.aclexplode(c.relacl) a WHERE a.grantee = (SELECT oid FROM grantee) "
            + "UNION ALL SELECT 'SCHEMA', NULL, n.nspname::text, a.privilege_type, a.is_grantable "
            + "FROM pg_catalog.pg_namespace n, LATERAL pg_catalog.aclexplode(n.nspacl) a "
            + "WHERE a.grantee = (SELECT oid FROM grantee) "
            + "UNION ALL SELECT 'DATABASE', NULL, d.datname::text, a.privilege_type, a.is_grantable "
            + "FROM pg_catalog.pg_database d, LATERAL pg_catalog.aclexplode(d.datacl) a "
            + "WHERE a.grantee = (SELECT oid FROM grantee) ORDER BY 1, 2, 3, 4";

    private final SqlRunner sql;

    PgAdmin(ConnectionRunner connections) {
        this(SqlRunner.over(connections));
    }

    PgAdmin(SqlRunner sql) {
        this.sql = sql;
    }

    // ---------------------------------------------------------------- databases

    /** Whether the database exists. */
    public Mono<Boolean> databaseExists(String database) {
        return exists(DATABASE_EXISTS, Names.catalog(database, "database"));
    }

    /** {@code CREATE DATABASE database [OWNER o] [TEMPLATE t] [ENCODING 'e']}. */
    public Mono<Void> createDatabase(String database, DatabaseOptions options) {
        StringBuilder ddl = new StringBuilder("CREATE DATABASE ").append(Names.sql(database, "database"));
        if (options.owner() != null) {
            ddl.append(" OWNER ").append(Names.sql(options.owner(), "role"));
        }
        if (options.template() != null) {
            ddl.append(" TEMPLATE ").append(Names.sql(options.template(), "template database"));
        }
        if (options.encoding() != null) {
            ddl.append(" ENCODING ").append(SqlLiterals.literal(options.encoding(), "encoding"));
        }
        return command(ddl.toString());
    }

    /**
     * {@code DROP DATABASE [IF EXISTS] database [WITH (FORCE)]}; {@code force} terminates the sessions
     * connected to it first (without it, a database in use stays).
     */
    public Mono<Void> dropDatabase(String database, boolean ifExists, boolean force) {
        return command("DROP DATABASE " + (ifExists ? "IF EXISTS " : "") + Names.sql(database, "database")
                + (force ? " WITH (FORCE)" : ""));
    }

    // ---------------------------------------------------------------- roles

    /** The roles, by name, without PostgreSQL's predefined {@code pg_*} roles. */
    public Flux<RoleInfo> listRoles() {
        return sql.run(s -> s.query(LIST_ROLES, List.of(), r -> new RoleInfo(r.get(0, String.class),
                Rows.bool(r, 1), Rows.bool(r, 2), Rows.bool(r, 3), Rows.bool(r, 4), Rows.bool(r, 5),
                r.get(6, Integer.class), r.get(7, OffsetDateTime.class))));
    }

    /** Whether the role exists. */
    public Mono<Boolean> roleExists(String role) {
        return exists(ROLE_EXISTS, Names.catalog(role, "role"));
    }

    /** {@code CREATE ROLE role [WITH attributes]}; the password, if any, as its SCRAM verifier. */
    public Mono<Void> createRole(String role, RoleOptions options) {
        return withPassword("CREATE ROLE " + Names.sql(role, "role"), options);
    }

    /**
     * {@code ALTER ROLE role WITH attributes}, for example a new password.
     *
     * @throws IllegalArgumentException when {@code options} sets nothing
     */
    public Mono<Void> alterRole(String role, RoleOptions options) {
        String head = "ALTER ROLE " + Names.sql(role, "role");
        if (options.isEmpty()) {
            throw new IllegalArgumentException("alterRole needs at least one attribute to change");
        }
        return withPassword(head, options);
    }

    /** {@code DROP ROLE [IF EXISTS] role}; a role that owns objects or holds privileges stays (an error). */
    public Mono<Void> dropRole(String role, boolean ifExists) {
        return command("DROP ROLE " + (ifExists ? "IF EXISTS " : "") + Names.sql(role, "role"));
    }

    // ---------------------------------------------------------------- privileges

    /**
     * {@code GRANT privileges ON kind object TO role}.
     *
     * @throws IllegalArgumentException for no privileges or a refused name
     */
    public Mono<Void> grant(Collection<Privilege> privileges, GrantTarget on, String object, String role) {
        return command("GRANT " + privileges(privileges) + " ON " + on.name() + " " + object(on, object) + " TO "
                + Names.sql(role, "role"));
    }

    /** {@code REVOKE privileges ON kind object FROM role}. */
    public Mono<Void> revoke(Collection<Privilege> privileges, GrantTarget on, String object, String role) {
        return command("REVOKE " + privileges(privileges) + " ON " + on.name() + " " + object(on, object) + " FROM "
                + Names.sql(role, "role"));
    }

    /** {@code GRANT role TO member [WITH ADMIN OPTION]}: makes {@code member} a member of {@code role}. */
    public Mono<Void> grantRole(String role, String member, boolean withAdmin) {
        return command("GRANT " + Names.sql(role, "role") + " TO " + Names.sql(member, "role")
                + (withAdmin ? " WITH ADMIN OPTION" : ""));
    }

    /**
     * {@code REVOKE [ADMIN OPTION FOR] role FROM member}: with {@code adminOptionOnly} the membership stays and
     * only the admin option goes.
     */
    public Mono<Void> revokeRole(String role, String member, boolean adminOptionOnly) {
        return command("REVOKE " + (adminOptionOnly ? "ADMIN OPTION FOR " : "") + Names.sql(role, "role") + " FROM "
                + Names.sql(member, "role"));
    }

    /** The members of {@code role}, by member name. */
    public Flux<RoleMember> listRoleMembers(String role) {
        return members(ROLE_MEMBERS, role);
    }

    /** The roles {@code member} is a member of (directly), by role name. */
    public Flux<RoleMember> listRoleMemberships(String member) {
        return members(ROLE_MEMBERSHIPS, member);
    }

    /**
     * The privileges granted explicitly to {@code role} on tables, views, sequences, schemas and databases
     * (from their access control lists; an owner's implicit privileges and those reached through membership
     * are not listed).
     */
    public Flux<RoleGrant> listRoleGrants(String role) {
        List<String> params = List.of(Names.catalog(role, "role"));
        return sql.run(s -> s.query(ROLE_GRANTS, params, r -> new RoleGrant(
                GrantTarget.valueOf(r.get(0, String.class)), r.get(1, String.class), r.get(2, String.class),
                Privilege.valueOf(r.get(3, String.class)), Rows.bool(r, 4))));
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * Runs {@code head} followed by the attributes and, when set, the password verifier, computed off the
     * event loop. An error that mentions the verifier is scrubbed.
     */
    private Mono<Void> withPassword(String head, RoleOptions options) {
        String attributes = options.attributes();
        String password = options.password();
        if (password == null) {
            return command(head + (attributes.isEmpty() ? "" : " WITH" + attributes));
        }
        return Mono.fromCallable(() -> verifier(password))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(verifier -> command(head + " WITH" + attributes + " PASSWORD "
                        + SqlLiterals.literal(verifier, "password verifier"))
                        .onErrorMap(e -> Secrets.scrub(e, verifier)));
    }

    private static String verifier(String password) {
        char[] chars = password.toCharArray();
        try {
            return ScramVerifier.encode(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private Flux<RoleMember> members(String text, String role) {
        List<String> params = List.of(Names.catalog(role, "role"));
        return sql.run(s -> s.query(text, params,
                r -> new RoleMember(r.get(0, String.class), r.get(1, String.class), Rows.bool(r, 2))));
    }

    private static String privileges(Collection<Privilege> privileges) {
        if (privileges.isEmpty()) {
            throw new IllegalArgumentException("Name at least one privilege");
        }
        if (privileges.contains(Privilege.ALL) && EnumSet.copyOf(privileges).size() > 1) {
            throw new IllegalArgumentException("ALL (PRIVILEGES) cannot be listed with other privileges");
        }
        StringJoiner list = new StringJoiner(", ");
        EnumSet.copyOf(privileges).forEach(p -> list.add(p.sql()));
        return list.toString();
    }

    private static String object(GrantTarget on, String name) {
        String what = on.name().toLowerCase(java.util.Locale.ROOT);
        return on.qualified() ? Names.qualified(name, what) : Names.sql(name, what);
    }

    private Mono<Boolean> exists(String text, String param) {
        return sql.run(s -> s.query(text, List.of(param), r -> Rows.bool(r, 0))).single();
    }

    private Mono<Void> command(String text) {
        return sql.run(s -> s.command(text)).then();
    }
}
