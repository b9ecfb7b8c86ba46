package dev.r2dbcpg.pool;

import dev.r2dbcpg.core.PgConnection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.ValidationDepth;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How a pooled connection is checked before it is handed out and in the background.
 *
 * <p>{@link #NONE} trusts the connection; {@link #LOCAL} checks that its socket is open (free);
 * {@link #REMOTE} runs a round trip ({@code Connection.validate(REMOTE)}); {@link #query(String)} runs the
 * given SQL and treats any error as a failed validation. Every validation is bounded by
 * {@link PgPoolConfiguration#validationTimeout()}: one that fails or times out destroys the connection,
 * which is never handed out again.
 */
public final class PgValidation {

    /** No validation. */
    public static final PgValidation NONE = new PgValidation("none", null);
    /** The connection's socket is open (no round trip). The default. */
    public static final PgValidation LOCAL = new PgValidation("local", null);
    /** The server answers a trivial query. */
    public static final PgValidation REMOTE = new PgValidation("remote", null);

    private final String name;
    private final @Nullable String sql;

    private PgValidation(String name, @Nullable String sql) {
        this.name = name;
        this.sql = sql;
    }

    /** Validation by running {@code sql}; any error (or a timeout) fails it. */
    public static PgValidation query(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("Validation query must not be null or blank");
        }
        return new PgValidation("query", sql);
    }

    /**
     * Parses {@code none}, {@code local} or {@code remote} (any case).
     *
     * @throws IllegalArgumentException for any other value
     */
    public static PgValidation parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "local" -> LOCAL;
            case "remote" -> REMOTE;
            default -> throw new IllegalArgumentException(
                    "Unknown validation '" + value + "': expected none, local or remote");
        };
    }

    /** Whether the check needs a round trip to the server. */
    boolean isRemote() {
        return this == REMOTE || sql != null;
    }

    /** Whether the check runs SQL of the user's ({@link #query(String)}), which may change the session. */
    boolean runsUserSql() {
        return sql != null;
    }

    /** Emits whether {@code connection} passed; never errors (an error is {@code false}), no timeout here. */
    Mono<Boolean> check(PgConnection connection) {
        if (this == NONE) {
            return Mono.just(true);
        }
        if (sql == null) {
            return connection.validate(this == LOCAL ? ValidationDepth.LOCAL : ValidationDepth.REMOTE);
        }
        return Flux.from(connection.createStatement(sql).execute())
                .concatMap(Result::getRowsUpdated)
                .then(Mono.just(true))
                .onErrorReturn(false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgValidation v && name.equals(v.name) && Objects.equals(sql, v.sql);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, sql);
    }

    @Override
    public String toString() {
        return sql == null ? name : "query(" + sql + ")";
    }
}
