package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.r2dbcpg.core.error.PgServerError;
import dev.r2dbcpg.testing.PostgresExtension;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** {@link PgAdmin} against a real server: databases, roles, passwords, privileges, and names that inject. */
@ExtendWith(PostgresExtension.class)
class PgAdminIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Cl3ar'Text\\pässwörd";
    private static final String NEW_PASSWORD = "n3w-Cl3ar-S3cret";
    private static PostgresServer server;
    private static ConnectionFactory factory;
    private static RecordingConnections recording;
    private static RecordingConnections probing;
    private static final List<String> activity = new CopyOnWriteArrayList<>();
    private static PgAdmin admin;
    /** Reads pg_stat_activity before each of its connections closes: for the password test only (it costs). */
    private static PgAdmin probed;

    @BeforeAll
    static void setUp(PostgresServer s) {
        server = s;
        factory = ConnectionFactories.get(s.r2dbcUrl());
        recording = new RecordingConnections(factory, pid -> Mono.empty());
        admin = new PgAdmin(recording);
        // Before each helper connection closes, read every session's current or last statement.
        probing = new RecordingConnections(factory, pid -> Flux.usingWhen(factory.create(),
                c -> Flux.from(c.createStatement("SELECT coalesce(query, '') FROM pg_stat_activity").execute())
                        .flatMap(r -> r.map(row -> row.get(0, String.class))),
                Connection::close).doOnNext(activity::add).then());
        probed = new PgAdmin(probing);
        tearDown();
        s.execute("CREATE SCHEMA c2a_a", "CREATE TABLE c2a_a.t (i int)", "CREATE SEQUENCE c2a_a.seq");
    }

    @AfterAll
    static void tearDown() {
        server.execute("DROP SCHEMA IF EXISTS c2a_a CASCADE", "DROP DATABASE IF EXISTS c2a_db WITH (FORCE)",
                "DROP DATABASE IF EXISTS \"c2a_Db2\" WITH (FORCE)", "DROP ROLE IF EXISTS c2a_app",
                "DROP ROLE IF EXISTS c2a_group", "DROP ROLE IF EXISTS c2a_owner", "DROP ROLE IF EXISTS \"c2a_Grantee\"");
    }

    private static <T> T one(Mono<T> mono) {
        return mono.block(TIMEOUT);
    }

    private static <T> List<T> list(Flux<T> flux) {
        return flux.collectList().block(TIMEOUT);
    }

    private static String storedPassword(String role) {
        return Flux.usingWhen(factory.create(), c -> Flux.from(c.createStatement(
                "SELECT coalesce(rolpassword, '<null>') FROM pg_authid WHERE rolname = $1").bind(0, role).execute())
                .flatMap(r -> r.map(row -> row.get(0, String.class))), Connection::close).single().block(TIMEOUT);
    }

    private static String loginAs(String role, String password) {
        ConnectionFactory as = ConnectionFactories.get(ConnectionFactoryOptions.parse(server.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, role).option(ConnectionFactoryOptions.PASSWORD, password).build());
        return Flux.usingWhen(as.create(), c -> Flux.from(c.createStatement("SELECT current_user::text").execute())
                .flatMap(r -> r.map(row -> row.get(0, String.class))), Connection::close).single().block(TIMEOUT);
    }

    @Test
    void databasesCreatedWithOwnerTemplateAndEncodingAndDroppedByForce() {
        one(admin.createRole("c2a_owner", RoleOptions.none()));
        one(admin.createDatabase("c2a_db", DatabaseOptions.defaults().owner("c2a_owner").template("template0")
                .encoding("LATIN1")));
        assertThat(one(admin.databaseExists("c2a_db"))).isTrue();
        String row = Flux.usingWhen(factory.create(), c -> Flux.from(c.createStatement("SELECT pg_get_userbyid(datdba)::text "
                + "|| ' ' || pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'c2a_db'").execute())
                .flatMap(r -> r.map(x -> x.get(0, String.class))), Connection::close).single().block(TIMEOUT);
        assertThat(row).isEqualTo("c2a_owner LATIN1");

        // A session holds the database open: a plain drop fails, WITH (FORCE) ends the session and drops it.
        ConnectionFactory toDb = ConnectionFactories.get(ConnectionFactoryOptions.parse(server.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.DATABASE, "c2a_db").build());
        Connection held = Mono.from(toDb.create()).block(TIMEOUT);
        try {
            StepVerifier.create(admin.dropDatabase("c2a_db", false, false))
                    .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("being accessed")).verify(TIMEOUT);
            one(admin.dropDatabase("c2a_db", false, true));
        } finally {
            Mono.from(held.close()).onErrorResume(e -> Mono.empty()).block(TIMEOUT);
        }
        assertThat(one(admin.databaseExists("c2a_db"))).isFalse();
        one(admin.dropDatabase("c2a_db", true, false));
        one(admin.createDatabase("c2a_Db2", DatabaseOptions.defaults()));
        assertThat(one(admin.databaseExists("\"c2a_Db2\""))).isTrue();
        assertThat(one(admin.databaseExists("c2a_db2"))).isFalse();
        one(admin.dropDatabase("c2a_Db2", false, false));
        one(admin.dropRole("c2a_owner", false));
    }

    @Test
    void rolesWithEveryAttributeAPasswordStoredAsScramAndNeverSeenInClearText() {
        activity.clear();
        probing.events.clear();
        Instant validUntil = Instant.parse("2099-01-02T03:04:05Z");
        one(probed.createRole("c2a_app", RoleOptions.none().password(PASSWORD).login(true).superuser(false)
                .createDb(true).createRole(false).inherit(false).connectionLimit(7).validUntil(validUntil)));
        assertThat(one(admin.roleExists("c2a_app"))).isTrue();
        assertThat(one(admin.roleExists("C2A_APP"))).isFalse();
        RoleInfo info = list(admin.listRoles()).stream().filter(r -> r.name().equals("c2a_app")).findFirst().orElseThrow();
        assertThat(info).isEqualTo(new RoleInfo("c2a_app", false, true, true, false, false, 7,
                info.validUntil()));
        assertThat(info.validUntil().toInstant()).isEqualTo(validUntil);
        assertThat(list(admin.listRoles())).extracting(RoleInfo::name).noneMatch(n -> n.startsWith("pg_"));

        String stored = storedPassword("c2a_app");
        assertThat(stored).matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}");
        assertThat(loginAs("c2a_app", PASSWORD)).isEqualTo("c2a_app");

        one(probed.alterRole("c2a_app", RoleOptions.none().password(NEW_PASSWORD)));
        assertThat(storedPassword("c2a_app")).startsWith("SCRAM-SHA-256$4096:").isNotEqualTo(stored);
        assertThat(loginAs("c2a_app", NEW_PASSWORD)).isEqualTo("c2a_app");
        assertThatThrownBy(() -> loginAs("c2a_app", PASSWORD)).isInstanceOf(R2dbcException.class);

        one(admin.alterRole("c2a_app", RoleOptions.none().login(false).connectionLimit(-1)));
        RoleInfo altered = list(admin.listRoles()).stream().filter(r -> r.name().equals("c2a_app")).findFirst()
                .orElseThrow();
        assertThat(altered.login()).isFalse();
        assertThat(altered.connectionLimit()).isEqualTo(-1);
        one(admin.alterRole("c2a_app", RoleOptions.none().noPassword()));
        assertThat(storedPassword("c2a_app")).isEqualTo("<null>");

        // The verifiers went over the wire (the server's view of the session shows them), the clear text never.
        assertThat(activity).anyMatch(q -> q.startsWith("CREATE ROLE \"c2a_app\"") && q.contains("SCRAM-SHA-256$4096:"));
        assertThat(activity).anyMatch(q -> q.startsWith("ALTER ROLE \"c2a_app\" WITH PASSWORD 'SCRAM-SHA-256$"));
        assertThat(activity).noneMatch(q -> q.contains(PASSWORD) || q.contains(NEW_PASSWORD) || q.contains("pässwörd"));
        assertThat(probing.logged()).contains("CREATE ROLE").doesNotContain(PASSWORD).doesNotContain(NEW_PASSWORD)
                .doesNotContain("pässwörd");
        assertThat(RoleOptions.none().password(PASSWORD).login(true).toString()).doesNotContain(PASSWORD)
                .contains("password=********");
        one(admin.dropRole("c2a_app", false));
        one(admin.dropRole("c2a_app", true));
        assertThat(one(admin.roleExists("c2a_app"))).isFalse();
    }

    @Test
    void anErrorOfAStatementWithAPasswordShowsNeitherThePasswordNorItsVerifier() {
        one(admin.createRole("c2a_group", RoleOptions.none()));
        try {
            recording.events.clear();
            StepVerifier.create(admin.createRole("c2a_group", RoleOptions.none().password(PASSWORD)))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(PgServerError.class).isInstanceOf(R2dbcException.class)
                                .hasMessageContaining("already exists").hasNoCause();
                        assertThat(((PgServerError) e).sqlState()).isEqualTo("42710");
                        String sql = ((R2dbcException) e).getSql();
                        assertThat(sql).isEqualTo("CREATE ROLE \"c2a_group\" WITH PASSWORD '********'");
                        assertThat(e.toString() + sql).doesNotContain("SCRAM-SHA-256$").doesNotContain(PASSWORD);
                    })
                    .verify(TIMEOUT);
            assertThat(recording.logged()).doesNotContain(PASSWORD);
        } finally {
            one(admin.dropRole("c2a_group", true));
        }
    }

    @Test
    void privilegesGrantedAndRevokedOnTablesSequencesSchemasAndDatabases() {
        one(admin.createRole("c2a_Grantee", RoleOptions.none()));
        try {
            one(admin.grant(EnumSet.of(Privilege.SELECT, Privilege.INSERT), GrantTarget.TABLE, "c2a_a.t", "c2a_Grantee"));
            one(admin.grant(Set.of(Privilege.USAGE), GrantTarget.SEQUENCE, "c2a_a.seq", "c2a_Grantee"));
            one(admin.grant(Set.of(Privilege.USAGE, Privilege.CREATE), GrantTarget.SCHEMA, "c2a_a", "c2a_Grantee"));
            one(admin.grant(Set.of(Privilege.CONNECT), GrantTarget.DATABASE, server.database(), "c2a_Grantee"));
            assertThat(list(admin.listRoleGrants("c2a_Grantee"))).containsExactly(
                    new RoleGrant(GrantTarget.DATABASE, null, server.database(), Privilege.CONNECT, false),
                    new RoleGrant(GrantTarget.SCHEMA, null, "c2a_a", Privilege.CREATE, false),
                    new RoleGrant(GrantTarget.SCHEMA, null, "c2a_a", Privilege.USAGE, false),
                    new RoleGrant(GrantTarget.SEQUENCE, "c2a_a", "seq", Privilege.USAGE, false),
                    new RoleGrant(GrantTarget.TABLE, "c2a_a", "t", Privilege.INSERT, false),
                    new RoleGrant(GrantTarget.TABLE, "c2a_a", "t", Privilege.SELECT, false));
            one(admin.revoke(Set.of(Privilege.INSERT), GrantTarget.TABLE, "c2a_a.t", "c2a_Grantee"));
            one(admin.revoke(Set.of(Privilege.ALL), GrantTarget.SCHEMA, "c2a_a", "c2a_Grantee"));
            one(admin.revoke(Set.of(Privilege.ALL), GrantTarget.SEQUENCE, "c2a_a.seq", "c2a_Grantee"));
            one(admin.revoke(Set.of(Privilege.CONNECT), GrantTarget.DATABASE, server.database(), "c2a_Grantee"));
            assertThat(list(admin.listRoleGrants("c2a_Grantee"))).containsExactly(
                    new RoleGrant(GrantTarget.TABLE, "c2a_a", "t", Privilege.SELECT, false));
            one(admin.revoke(Set.of(Privilege.ALL), GrantTarget.TABLE, "c2a_a.t", "c2a_Grantee"));
            assertThat(list(admin.listRoleGrants("c2a_Grantee"))).isEmpty();
            assertThatThrownBy(() -> admin.grant(Set.of(), GrantTarget.TABLE, "c2a_a.t", "c2a_Grantee"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> admin.grant(Set.of(Privilege.ALL, Privilege.SELECT), GrantTarget.TABLE, "c2a_a.t",
                    "c2a_Grantee")).isInstanceOf(IllegalArgumentException.class);
        } finally {
            one(admin.dropRole("c2a_Grantee", true));
        }
    }

    @Test
    void roleMembershipWithAndWithoutTheAdminOption() {
        one(admin.createRole("c2a_group", RoleOptions.none()));
        one(admin.createRole("c2a_app", RoleOptions.none().login(true)));
        try {
            one(admin.grantRole("c2a_group", "c2a_app", true));
            assertThat(list(admin.listRoleMembers("c2a_group"))).containsExactly(new RoleMember("c2a_group", "c2a_app", true));
            assertThat(list(admin.listRoleMemberships("c2a_app"))).containsExactly(new RoleMember("c2a_group", "c2a_app", true));
            one(admin.revokeRole("c2a_group", "c2a_app", true));
            assertThat(list(admin.listRoleMembers("c2a_group"))).containsExactly(new RoleMember("c2a_group", "c2a_app", false));
            one(admin.revokeRole("c2a_group", "c2a_app", false));
            assertThat(list(admin.listRoleMembers("c2a_group"))).isEmpty();
            one(admin.grantRole("c2a_group", "c2a_app", false));
            assertThat(list(admin.listRoleMembers("c2a_group"))).containsExactly(new RoleMember("c2a_group", "c2a_app", false));
        } finally {
            one(admin.dropRole("c2a_app", true));
            one(admin.dropRole("c2a_group", true));
        }
    }

    @Test
    void namesThatAreNotIdentifiersAreRefusedBeforeAnythingIsSent() {
        recording.events.clear();
        for (String bad : PgSchemaIT.ATTACKS) {
            List<Consumer<String>> calls = new ArrayList<>(List.of(
                    n -> admin.databaseExists(n), n -> admin.createDatabase(n, DatabaseOptions.defaults()),
                    n -> admin.createDatabase("c2a_db", DatabaseOptions.defaults().owner(n)),
                    n -> admin.createDatabase("c2a_db", DatabaseOptions.defaults().template(n)),
                    n -> admin.dropDatabase(n, true, true), n -> admin.roleExists(n),
                    n -> admin.createRole(n, RoleOptions.none().password("x")), n -> admin.alterRole(n, RoleOptions.none().login(true)),
                    n -> admin.dropRole(n, true), n -> admin.grantRole(n, "c2a_app", true),
                    n -> admin.grantRole("c2a_group", n, true), n -> admin.revokeRole(n, "c2a_app", false),
                    n -> admin.revokeRole("c2a_group", n, false), n -> admin.listRoleMembers(n),
                    n -> admin.listRoleMemberships(n), n -> admin.listRoleGrants(n)));
            for (GrantTarget on : GrantTarget.values()) {
                calls.add(n -> admin.grant(Set.of(Privilege.ALL), on, n, "c2a_app"));
                calls.add(n -> admin.grant(Set.of(Privilege.ALL), on, "c2a_a", n));
                calls.add(n -> admin.revoke(Set.of(Privilege.ALL), on, n, "c2a_app"));
                calls.add(n -> admin.revoke(Set.of(Privilege.ALL), on, "c2a_a", n));
            }
            for (int i = 0; i < calls.size(); i++) {
                Consumer<String> call = calls.get(i);
                assertThatThrownBy(() -> call.accept(bad), "call %d with name %s", i, bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        // Schemas and databases are one identifier, never qualified.
        assertThatThrownBy(() -> admin.grant(Set.of(Privilege.USAGE), GrantTarget.SCHEMA, "a.b", "c2a_app"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(recording.events).isEmpty();
        server.execute("SELECT 1 FROM c2a_a.t");
    }

    @Test
    void quotedNamesWithSqlInsideAreHarmlessIdentifiers() {
        String evil = "\"c2a_x\"\"; DROP TABLE c2a_a.t; --\"";
        one(admin.createRole(evil, RoleOptions.none().password("p").login(false)));
        try {
            assertThat(one(admin.roleExists(evil))).isTrue();
            one(admin.grant(Set.of(Privilege.SELECT), GrantTarget.TABLE, "c2a_a.t", evil));
            assertThat(list(admin.listRoleGrants(evil))).hasSize(1);
            one(admin.revoke(Set.of(Privilege.SELECT), GrantTarget.TABLE, "c2a_a.t", evil));
        } finally {
            one(admin.dropRole(evil, true));
        }
        assertThat(one(admin.roleExists(evil))).isFalse();
        server.execute("SELECT 1 FROM c2a_a.t");
    }
}
