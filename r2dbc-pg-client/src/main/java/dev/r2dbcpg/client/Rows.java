package dev.r2dbcpg.client;

import io.r2dbc.spi.Readable;
import java.util.Arrays;
import java.util.List;

/** Column reads the helpers share, for catalog columns that SQL guarantees are not NULL. */
final class Rows {

    private Rows() {
    }

    /** A {@code boolean} column; {@code NULL} reads as false. */
    static boolean bool(Readable row, int index) {
        return Boolean.TRUE.equals(row.get(index, Boolean.class));
    }

    /** A {@code text[]} column as a list; {@code NULL} reads as empty. */
    static List<String> strings(Readable row, int index) {
        String[] values = row.get(index, String[].class);
        return values == null ? List.of() : Arrays.asList(values);
    }
}
