package dev.r2dbcpg.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The exact statements {@link PgAdmin} sends. */
class PgAdminTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final RecordingSql sql = new RecordingSql(Map.of());
    private final PgAdmin admin = new PgAdmin(sql);

    private String last() {
        return sql.sent.get(sql.sent.size() - 1).sql();
    }

    @Test
    void createRoleWithEveryAttributeAndTheVerifierComputedOffTheCallersThread() {
        Mono.defer(() -> admin.createRole("App", RoleOptions.none().password("pw").login(true).superuser(false)
                        .createDb(true).createRole(false).inherit(true).connectionLimit(3)
                        .validUntil(Instant.parse("2030-01-01T00:00:00Z"))))
                .subscribeOn(Schedulers.parallel()).block(TIMEOUT);
        assertThat(last()).matches("CREATE ROLE \"App\" WITH LOGIN NOSUPERUSER CREATEDB NOCREATEROLE INHERIT "
                + "CONNECTION LIMIT 3 VALID UNTIL '2030-01-01T00:00:00Z' "
                + "PASSWORD 'SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}'");
        assertThat(sql.threads).singleElement().asString().startsWith("boundedElastic");
    }

    @Test
    void alterAndDropRoles() {
        admin.alterRole("app", RoleOptions.none().login(false).noPassword()).block(TIMEOUT);
        assertThat(last()).isEqualTo("ALTER ROLE \"app\" WITH NOLOGIN PASSWORD NULL");
        admin.createRole("r", RoleOptions.none()).block(TIMEOUT);
        assertThat(last()).isEqualTo("CREATE ROLE \"r\"");
        admin.dropRole("r", true).block(TIMEOUT);
        assertThat(last()).isEqualTo("DROP ROLE IF EXISTS \"r\"");
    }

    @Test
    void databases() {
        admin.createDatabase("Db", DatabaseOptions.defaults().owner("o").template("template0").encoding("UTF8"))
                .block(TIMEOUT);
        assertThat(last()).isEqualTo("CREATE DATABASE \"Db\" OWNER \"o\" TEMPLATE \"template0\" ENCODING 'UTF8'");
        admin.createDatabase("d", DatabaseOptions.defaults().encoding("x'; DROP DATABASE y; --")).block(TIMEOUT);
        assertThat(last()).isEqualTo("CREATE DATABASE \"d\" ENCODING 'x''; DROP DATABASE y; --'");
        admin.dropDatabase("d", true, true).block(TIMEOUT);
        assertThat(last()).isEqualTo("DROP DATABASE IF EXISTS \"d\" WITH (FORCE)");
    }

    @Test
    void grantsAndRevokesInPrivilegeOrder() {
        admin.grant(EnumSet.of(Privilege.UPDATE, Privilege.SELECT), GrantTarget.TABLE, "s.t", "r").block(TIMEOUT);
        assertThat(last()).isEqualTo("GRANT SELECT, UPDATE ON TABLE \"s\".\"t\" TO \"r\"");
        admin.revoke(Set.of(Privilege.ALL), GrantTarget.DATABASE, "d", "r").block(TIMEOUT);
        assertThat(last()).isEqualTo("REVOKE ALL PRIVILEGES ON DATABASE \"d\" FROM \"r\"");
        admin.grantRole("g", "m", true).block(TIMEOUT);
        assertThat(last()).isEqualTo("GRANT \"g\" TO \"m\" WITH ADMIN OPTION");
        admin.revokeRole("g", "m", true).block(TIMEOUT);
        assertThat(last()).isEqualTo("REVOKE ADMIN OPTION FOR \"g\" FROM \"m\"");
        admin.listRoleMembers("\"G\"\"x\"").collectList().block(TIMEOUT);
        assertThat(sql.sent.get(sql.sent.size() - 1).params()).isEqualTo(List.of("G\"x"));
    }
}
