package dev.r2dbcpg.client;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The attributes {@link PgAdmin#createRole} and {@link PgAdmin#alterRole} set; start from {@link #none()}.
 * An attribute left unset is not mentioned in the statement (the server's default on create, unchanged on
 * alter). Immutable.
 *
 * <p>The password is sent as a SCRAM-SHA-256 verifier computed on the client, never as clear text.
 * {@link #toString()} does not show it.
 */
public final class RoleOptions {

    private static final RoleOptions NONE = new RoleOptions(null, false, null, null, null, null, null, null, null);

    private final @Nullable String password;
    private final boolean removePassword;
    private final @Nullable Boolean login;
    private final @Nullable Boolean superuser;
    private final @Nullable Boolean createDb;
    private final @Nullable Boolean createRole;
    private final @Nullable Boolean inherit;
    private final @Nullable Integer connectionLimit;
    private final @Nullable Instant validUntil;

    private RoleOptions(@Nullable String password, boolean removePassword, @Nullable Boolean login,
            @Nullable Boolean superuser, @Nullable Boolean createDb, @Nullable Boolean createRole,
            @Nullable Boolean inherit, @Nullable Integer connectionLimit, @Nullable Instant validUntil) {
        this.password = password;
        this.removePassword = removePassword;
        this.login = login;
        this.superuser = superuser;
        this.createDb = createDb;
        this.createRole = createRole;
        this.inherit = inherit;
        this.connectionLimit = connectionLimit;
        this.validUntil = validUntil;
    }

    /** No attribute set. */
    public static RoleOptions none() {
        return NONE;
    }

    /** {@code PASSWORD}: sent as its SCRAM-SHA-256 verifier. */
    public RoleOptions password(String password) {
        Objects.requireNonNull(password, "password");
        return new RoleOptions(password, false, login, superuser, createDb, createRole, inherit, connectionLimit,
                validUntil);
    }

    /** {@code PASSWORD NULL}: the role has no password (password authentication always fails). */
    public RoleOptions noPassword() {
        return new RoleOptions(null, true, login, superuser, createDb, createRole, inherit, connectionLimit, validUntil);
    }

    /** {@code LOGIN} or {@code NOLOGIN}. */
    public RoleOptions login(boolean login) {
        return new RoleOptions(password, removePassword, login, superuser, createDb, createRole, inherit,
                connectionLimit, validUntil);
    }

    /** {@code SUPERUSER} or {@code NOSUPERUSER}. */
    public RoleOptions superuser(boolean superuser) {
        return new RoleOptions(password, removePassword, login, superuser, createDb, createRole, inherit,
                connectionLimit, validUntil);
    }

    /** {@code CREATEDB} or {@code NOCREATEDB}. */
    public RoleOptions createDb(boolean createDb) {
        return new RoleOptions(password, removePassword, login, superuser, createDb, createRole, inherit,
                connectionLimit, validUntil);
    }

    /** {@code CREATEROLE} or {@code NOCREATEROLE}. */
    public RoleOptions createRole(boolean createRole) {
        return new RoleOptions(password, removePassword, login, superuser, createDb, createRole, inherit,
                connectionLimit, validUntil);
    }

    /** {@code INHERIT} or {@code NOINHERIT}. */
    public RoleOptions inherit(boolean inherit) {
        return new RoleOptions(password, removePassword, login, superuser, createDb, createRole, inherit,
                connectionLimit, validUntil);
    }

    /**
     * {@code CONNECTION LIMIT n}; {@code -1} for no limit.
     *
     * @throws IllegalArgumentException below -1
     */
    public RoleOptions connectionLimit(int connectionLimit) {
        if (connectionLimit < -1) {
            throw new IllegalArgumentException("The connection limit must be -1 (none) or more, was " + connectionLimit);
        }
        return new RoleOptions(password, removePassword, login, superuser, createDb, createRole, inherit,
                connectionLimit, validUntil);
    }

    /** {@code VALID UNTIL}: when the password stops being valid. */
    public RoleOptions validUntil(Instant validUntil) {
        Objects.requireNonNull(validUntil, "validUntil");
        return new RoleOptions(password, removePassword, login, superuser, createDb, createRole, inherit,
                connectionLimit, validUntil);
    }

    @Nullable String password() {
        return password;
    }

    /** The attribute clauses other than the password's, each starting with a space. */
    String attributes() {
        StringBuilder sql = new StringBuilder();
        flag(sql, login, "LOGIN");
        flag(sql, superuser, "SUPERUSER");
        flag(sql, createDb, "CREATEDB");
        flag(sql, createRole, "CREATEROLE");
        flag(sql, inherit, "INHERIT");
        if (connectionLimit != null) {
            sql.append(" CONNECTION LIMIT ").append(connectionLimit.intValue());
        }
        if (validUntil != null) {
            sql.append(" VALID UNTIL ").append(SqlLiterals.literal(validUntil.toString(), "valid-until time"));
        }
        if (removePassword) {
            sql.append(" PASSWORD NULL");
        }
        return sql.toString();
    }

    boolean isEmpty() {
        return password == null && attributes().isEmpty();
    }

    private static void flag(StringBuilder sql, @Nullable Boolean value, String keyword) {
        if (value != null) {
            sql.append(value ? " " : " NO").append(keyword);
        }
    }

    @Override
    public String toString() {
        return "RoleOptions[" + (password != null ? "password=********," : "") + attributes().trim() + "]";
    }
}
