package dev.r2dbcpg.core.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * The immutable column layout of a result, parsed from a RowDescription message and shared by
 * every row of that result.
 */
public final class RowDescription {

    /**
     * One column as described by the server.
     *
     * @param name column label
     * @param tableOid OID of the source table, 0 when the column is not a plain table column
     * @param columnAttr attribute number within that table, 0 when none
     * @param typeOid OID of the column's data type
     * @param typeSize pg_type.typlen: negative for variable width
     * @param typeModifier pg_attribute.atttypmod, -1 when none
     * @param format 0 text, 1 binary
     */
    public record Column(String name, int tableOid, short columnAttr, int typeOid, short typeSize, int typeModifier,
            short format) {
    }

    private final Column[] columns;

    RowDescription(Column[] columns) {
        this.columns = columns;
    }

    /** Builds a description from columns, e.g. in tests or from a cached statement. */
    public static RowDescription of(Column... columns) {
        return new RowDescription(columns.clone());
    }

    /** Number of columns. */
    public int size() {
        return columns.length;
    }

    /** The column at {@code index}, 0-based. */
    public Column column(int index) {
        return columns[index];
    }

    /** All columns, unmodifiable. */
    public List<Column> columns() {
        return List.of(columns);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowDescription other && Arrays.equals(columns, other.columns);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(columns);
    }

    @Override
    public String toString() {
        return "RowDescription" + Arrays.toString(columns);
    }
}
