package dev.r2dbcpg.core.config;

import java.time.Duration;

/**
 * Prepared-statement cache and fetch settings of a {@link PgConnectionConfiguration}.
 *
 * @param statementCacheSize         prepared statements kept per connection (LRU); 0 disables the cache
 * @param maxCachedStatementLifetime age after which a cached statement is closed and prepared again;
 *                                   {@link Duration#ZERO} = no limit
 * @param maxCacheableStatementSize  longest SQL text (in characters) that is cached; longer SQL is
 *                                   prepared unnamed each time
 * @param fetchSize                  rows per {@code Execute} (portal suspension); 0 = all rows at once
 */
public record StatementSettings(int statementCacheSize, Duration maxCachedStatementLifetime,
                                int maxCacheableStatementSize, int fetchSize) {
}
