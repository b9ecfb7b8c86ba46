package dev.r2dbcpg.core;

import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.protocol.RowDescription;
import io.r2dbc.spi.RowMetadata;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The columns of a result, built once per RowDescription and shared by all its rows: the codec of
 * each column is chosen here, not per row. Names are matched exactly first, then ignoring case; with
 * duplicate names the first column wins.
 */
public final class PgRowMetadata implements RowMetadata {

    private final PgColumnMetadata[] columns;
    private final Map<String, Integer> exact;
    private final Map<String, Integer> folded;
    private final Supplier<ZoneId> timeZone;

    PgRowMetadata(RowDescription description, CodecRegistry codecs) {
        this(description, codecs, () -> ZoneOffset.UTC);
    }

    /**
     * @param timeZone the session's {@code TimeZone} when a value is read, in which {@code timestamptz}
     *                 values read as String are printed
     */
    PgRowMetadata(RowDescription description, CodecRegistry codecs, Supplier<ZoneId> timeZone) {
        this.timeZone = timeZone;
        int n = description.size();
        this.columns = new PgColumnMetadata[n];
        this.exact = new HashMap<>(n * 2);
        this.folded = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            RowDescription.Column column = description.column(i);
            columns[i] = new PgColumnMetadata(column, codecs.forOid(column.typeOid()));
            exact.putIfAbsent(column.name(), i);
            folded.putIfAbsent(column.name().toLowerCase(Locale.ROOT), i);
        }
    }

    ZoneId timeZone() {
        return timeZone.get();
    }

    int size() {
        return columns.length;
    }

    PgColumnMetadata column(int index) {
        return columns[index];
    }

    /** The index of the column named {@code name}, or -1. */
    int indexOf(String name) {
        Integer index = exact.get(name);
        if (index == null) {
            index = folded.get(name.toLowerCase(Locale.ROOT));
        }
        return index == null ? -1 : index;
    }

    @Override
    public PgColumnMetadata getColumnMetadata(int index) {
        if (index < 0 || index >= columns.length) {
            throw new IndexOutOfBoundsException("Column index " + index + " is out of range: the result has "
                    + columns.length + " column(s)");
        }
        return columns[index];
    }

    @Override
    public PgColumnMetadata getColumnMetadata(String name) {
        int index = indexOf(requireName(name));
        if (index < 0) {
            throw new NoSuchElementException("No column named '" + name + "' in " + names());
        }
        return columns[index];
    }

    @Override
    public List<PgColumnMetadata> getColumnMetadatas() {
        return List.of(columns);
    }

    @Override
    public boolean contains(String columnName) {
        return indexOf(requireName(columnName)) >= 0;
    }

    private List<String> names() {
        return Arrays.stream(columns).map(PgColumnMetadata::getName).toList();
    }

    static String requireName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("Column name must not be null");
        }
        return name;
    }

    @Override
    public String toString() {
        return "PgRowMetadata" + names();
    }
}
