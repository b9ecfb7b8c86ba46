package dev.r2dbcpg.client;

/**
 * A TimescaleDB hypertable, from {@code timescaledb_information.hypertables} and {@code hypertable_size}.
 *
 * @param schema the hypertable's schema as stored
 * @param name its name as stored
 * @param dimensions the number of partitioning dimensions (1 for time only)
 * @param chunks the number of chunks
 * @param compressionEnabled whether {@code timescaledb.compress} is on
 * @param size all its chunks with their indexes and TOAST
 */
public record HypertableInfo(String schema, String name, int dimensions, long chunks, boolean compressionEnabled,
        SizeInfo size) {
}
