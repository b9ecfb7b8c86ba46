package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.PgRowMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The prepared statements of one connection, least recently used first out, with asyncpg's knobs:
 * how many ({@code statementCacheSize}, 0 disables), how long ({@code maxCachedStatementLifetime}) and
 * how long an SQL string may be to be cached ({@code maxCacheableStatementSize}). Evicted statements
 * are handed back so that the caller closes them on the server.
 */
public final class StatementCache {

    /** A statement prepared on the server, with what Describe said of it. */
    static final class Entry {
        final byte[] name;
        final int[] parameterTypes;
        final short[] resultFormats;
        final @Nullable PgRowMetadata metadata;
        final long preparedAtNanos;

        Entry(byte[] name, int[] parameterTypes, short[] resultFormats, @Nullable PgRowMetadata metadata) {
            this.name = name;
            this.parameterTypes = parameterTypes;
            this.resultFormats = resultFormats;
            this.metadata = metadata;
            this.preparedAtNanos = System.nanoTime();
        }
    }

    private record Key(String sql, int[] parameterTypes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && sql.equals(k.sql) && Arrays.equals(parameterTypes, k.parameterTypes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sql, Arrays.hashCode(parameterTypes));
        }
    }

    private final int capacity;
    private final long lifetimeNanos;
    private final int maxSqlLength;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final List<byte[]> evicted = new ArrayList<>();
    private long counter;

    public StatementCache(int capacity, java.time.Duration lifetime, int maxSqlLength) {
        this.capacity = capacity;
        this.lifetimeNanos = lifetime.isZero() || lifetime.isNegative() ? Long.MAX_VALUE : lifetime.toNanos();
        this.maxSqlLength = maxSqlLength;
    }

    /** Whether statements with this SQL may be cached at all. */
    boolean cacheable(String sql) {
        return capacity != 0 && sql.length() <= maxSqlLength;
    }

    /** The live entry for the statement, or null; an expired entry is dropped (and queued for closing). */
    synchronized @Nullable Entry get(String sql, int[] parameterTypes) {
        Key key = new Key(sql, parameterTypes);
        Entry entry = entries.get(key);
        if (entry != null && System.nanoTime() - entry.preparedAtNanos > lifetimeNanos) {
            entries.remove(key);
            evicted.add(entry.name);
            return null;
        }
        return entry;
    }

    /** A fresh statement name for this connection. */
    synchronized byte[] nextName() {
        return ("r2dbcpg_" + (++counter)).getBytes(StandardCharsets.US_ASCII);
    }

    /** Remembers a prepared statement, evicting the least recently used beyond the capacity. */
    synchronized void put(String sql, Entry entry) {
        Entry previous = entries.put(new Key(sql, entry.parameterTypes), entry);
        if (previous != null && previous != entry) {
            evicted.add(previous.name);
        }
        if (capacity > 0) {
            Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
            while (entries.size() > capacity && it.hasNext()) {
                evicted.add(it.next().getValue().name);
                it.remove();
            }
        }
    }

    /** Forgets a statement the server no longer has (or whose result type changed). */
    synchronized void invalidate(String sql, int[] parameterTypes) {
        Entry entry = entries.remove(new Key(sql, parameterTypes));
        if (entry != null) {
            evicted.add(entry.name);
        }
    }

    /** Forgets everything (after DISCARD ALL or a reset); the server-side statements are gone. */
    synchronized void clear() {
        entries.clear();
        evicted.clear();
    }

    /** The names evicted since the last call, to be closed on the server. */
    synchronized List<byte[]> drainEvicted() {
        if (evicted.isEmpty()) {
            return List.of();
        }
        List<byte[]> out = List.copyOf(evicted);
        evicted.clear();
        return out;
    }

    synchronized int size() {
        return entries.size();
    }
}
