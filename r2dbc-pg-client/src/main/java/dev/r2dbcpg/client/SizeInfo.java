package dev.r2dbcpg.client;

/**
 * A size on disk.
 *
 * @param bytes the size in bytes
 * @param pretty as {@code pg_size_pretty} writes it ({@code 8192 bytes}, {@code 7901 kB}, {@code 12 MB})
 */
public record SizeInfo(long bytes, String pretty) {
}
