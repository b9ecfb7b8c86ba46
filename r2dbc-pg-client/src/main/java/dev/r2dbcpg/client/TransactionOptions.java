package dev.r2dbcpg.client;

import dev.r2dbcpg.core.PgTransactionOptions;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.TransactionDefinition;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link PgDatabase#transaction(TransactionOptions, java.util.function.Function)} begins its transaction:
 * isolation level, read-only and deferrable, each left to the server's default unless set. Immutable; each
 * method returns a copy. It is an R2DBC {@link TransactionDefinition}, so it can be passed to
 * {@code Connection.beginTransaction} too.
 */
public final class TransactionOptions implements TransactionDefinition {

    private static final TransactionOptions DEFAULTS = new TransactionOptions(null, null, null);

    private final @Nullable IsolationLevel isolation;
    private final @Nullable Boolean readOnly;
    private final @Nullable Boolean deferrable;

    private TransactionOptions(@Nullable IsolationLevel isolation, @Nullable Boolean readOnly,
            @Nullable Boolean deferrable) {
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.deferrable = deferrable;
    }

    /** Plain {@code BEGIN}: the session's isolation level, read-write. */
    public static TransactionOptions defaults() {
        return DEFAULTS;
    }

    /** {@code ISOLATION LEVEL level}. */
    public TransactionOptions isolation(IsolationLevel level) {
        return new TransactionOptions(Objects.requireNonNull(level, "level"), readOnly, deferrable);
    }

    /** {@code READ ONLY} (true) or {@code READ WRITE} (false). */
    public TransactionOptions readOnly(boolean readOnly) {
        return new TransactionOptions(isolation, readOnly, deferrable);
    }

    /**
     * {@code DEFERRABLE} (true) or {@code NOT DEFERRABLE}: a serializable read-only deferrable transaction waits
     * for a snapshot that cannot fail with a serialization error.
     */
    public TransactionOptions deferrable(boolean deferrable) {
        return new TransactionOptions(isolation, readOnly, deferrable);
    }

    /** Whether nothing is set (a nested transaction, which is a savepoint, accepts only these). */
    public boolean isDefault() {
        return isolation == null && readOnly == null && deferrable == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T getAttribute(Option<T> option) {
        if (option.equals(TransactionDefinition.ISOLATION_LEVEL)) {
            return (T) isolation;
        }
        if (option.equals(TransactionDefinition.READ_ONLY)) {
            return (T) readOnly;
        }
        if (option.equals(PgTransactionOptions.DEFERRABLE)) {
            return (T) deferrable;
        }
        return null;
    }

    @Override
    public String toString() {
        return "TransactionOptions{isolation=" + (isolation == null ? "default" : isolation.asSql()) + ", readOnly="
                + readOnly + ", deferrable=" + deferrable + "}";
    }
}
