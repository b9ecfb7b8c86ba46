package dev.r2dbcpg.client;

import org.jspecify.annotations.Nullable;

/**
 * One column of a table, from {@code pg_attribute}.
 *
 * @param name the column name as stored (not quoted)
 * @param dataType the type as SQL writes it, with its modifiers ({@code character varying(40)},
 *     {@code numeric(10,2)}, {@code integer[]}): {@code format_type}
 * @param nullable false when the column is {@code NOT NULL}
 * @param defaultValue the default (or generation) expression as SQL text, or {@code null} when none
 * @param position the column's number ({@code attnum}, from 1; dropped columns leave gaps)
 * @param primaryKey whether the column is part of the table's primary key
 */
public record ColumnInfo(String name, String dataType, boolean nullable, @Nullable String defaultValue, int position,
        boolean primaryKey) {
}
