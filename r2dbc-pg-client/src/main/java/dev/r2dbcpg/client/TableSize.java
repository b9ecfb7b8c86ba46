package dev.r2dbcpg.client;

/**
 * The sizes of one table.
 *
 * @param schema the table's schema as stored
 * @param name the table's name as stored
 * @param table the table with its TOAST table, free space and visibility maps ({@code pg_table_size})
 * @param indexes all its indexes ({@code pg_indexes_size})
 * @param total both ({@code pg_total_relation_size})
 */
public record TableSize(String schema, String name, SizeInfo table, SizeInfo indexes, SizeInfo total) {
}
