package dev.r2dbcpg.examples.spring;

/**
 * One generated row of the streaming endpoint.
 *
 * @param n its position, from 1
 * @param hash the server's {@code md5(n::text)}
 */
public record NumberRow(int n, String hash) {
}
