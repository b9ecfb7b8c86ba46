package dev.r2dbcpg.core.config;

/** libpq's {@code load_balance_hosts} (PostgreSQL 16+): order in which hosts are tried. */
public enum LoadBalanceHosts {
    /** In the order given. */
    DISABLE,
    /** In a random order, shuffled for every connection attempt. */
    RANDOM;

    /**
     * Parses a libpq value, case-insensitively.
     *
     * @throws IllegalArgumentException if the value names no mode
     */
    public static LoadBalanceHosts parse(String value) {
        return Keyword.parse(LoadBalanceHosts.class, "load_balance_hosts", value);
    }

    @Override
    public String toString() {
        return Keyword.libpqName(this);
    }
}
