package dev.r2dbcpg.bench;

import static dev.r2dbcpg.bench.DecodeColumn.*;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The type families of W7 ({@link W7Decode}): each selects some columns of {@code bench_decode}. Its
 * {@linkplain #parameter() parameter} is the value of the benchmark's {@code family} parameter.
 */
enum DecodeFamily {

    INTEGERS("int2, int4, int8", I2, I4, I8),
    NUMERIC("numeric(12,2), numeric of 33 digits, multiples of 1e6", NUMERIC_MONEY, NUMERIC_BIG, NUMERIC_ROUND),
    FLOATS("float4, float8", F4, F8),
    TEXT("text 32 chars, varchar with non-ASCII, text 256 chars", DecodeColumn.TEXT, VARCHAR, TEXT_LONG),
    DATETIME("date, timestamp, timestamptz, interval", DATE, TIMESTAMP, TIMESTAMPTZ, INTERVAL),
    UUID("uuid ×2", DecodeColumn.UUID, UUID_2),
    JSON("json, jsonb", DecodeColumn.JSON, JSONB),
    BYTEA("bytea 16 B, 256 B", DecodeColumn.BYTEA, BYTEA_LONG),
    ARRAYS("int4[10], text[3]", INT4_ARRAY, TEXT_ARRAY),
    OTHER("bool, inet", BOOL, INET),
    /** One column of every family: what {@code bench/run quick} measures (see {@link Profile}). */
    MIXED("one column of each family", I4, NUMERIC_MONEY, F8, VARCHAR, TIMESTAMPTZ, DecodeColumn.UUID, JSONB,
            DecodeColumn.BYTEA, INT4_ARRAY, INET);

    final String label;
    final List<DecodeColumn> columns;

    DecodeFamily(String label, DecodeColumn... columns) {
        this.label = label;
        this.columns = List.of(columns);
    }

    /** The {@code family} parameter's value: the name in lower case. */
    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DecodeFamily parse(String parameter) {
        return valueOf(parameter.toUpperCase(Locale.ROOT));
    }

    /**
     * The query every driver runs: the family's columns of all rows. The parameter ({@code $1} = 0) makes each
     * driver take its extended-protocol (prepared, binary where the driver uses it) path, as in W3.
     */
    String select() {
        return "SELECT " + columns.stream().map(c -> c.column).collect(Collectors.joining(", "))
                + " FROM bench_decode WHERE id > $1";
    }

    /** The server's row count and checksum of the same columns, the checksum exact before it wraps. */
    String expectedTotalsSql() {
        return "SELECT count(*), sum(" + columns.stream().map(DecodeColumn::serverChecksum)
                .collect(Collectors.joining(" + ")) + ") FROM bench_decode";
    }
}
