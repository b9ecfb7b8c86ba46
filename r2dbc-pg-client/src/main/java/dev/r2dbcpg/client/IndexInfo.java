package dev.r2dbcpg.client;

import java.util.List;

/**
 * One index of a table, from {@code pg_index}.
 *
 * @param name the index name as stored
 * @param columns the key columns in order: a column's name, or for an expression the expression as SQL
 *     ({@code lower(email)}); {@code INCLUDE} columns are not listed
 * @param unique whether the index is unique (a primary key's index is)
 * @param primary whether the index is the table's primary key
 * @param method the access method ({@code btree}, {@code hash}, {@code gin}, {@code gist}, ...)
 * @param definition the whole {@code CREATE INDEX} statement: {@code pg_get_indexdef}
 */
public record IndexInfo(String name, List<String> columns, boolean unique, boolean primary, String method,
        String definition) {

    public IndexInfo {
        columns = List.copyOf(columns);
    }
}
