package dev.r2dbcpg.client;

/**
 * A column's name and type, in column order.
 *
 * @param name the column name as stored
 * @param dataType as {@link ColumnInfo#dataType()}
 */
public record ColumnType(String name, String dataType) {
}
