package dev.r2dbcpg.bench;

import java.util.function.ToLongFunction;

/**
 * The columns of {@code bench_decode} (W7): each with its PostgreSQL type, the expression that fills it from the
 * row number {@code g} (1 to {@value BenchDatabase#DECODE_ROWS}), and a {@link Kind} that says how a value
 * becomes a checksum term, both in Java (from whatever the driver decoded) and in SQL (from the stored value).
 *
 * <p>No value is NULL. Timestamps without time zone fall between 12:00 and 13:00 so that no JVM time zone
 * moves them through a daylight-saving gap (pgjdbc's default {@code java.sql.Timestamp} is zoned).
 */
enum DecodeColumn {

    I2("i2", "int2", "(g % 30000 - 15000)::int2", Kind.INTEGER),
    I4("i4", "int4", "(g::int8 * 214741 - 1073741824)::int4", Kind.INTEGER),
    I8("i8", "int8", "g::int8 * 922337203685 - 4611686018427387904", Kind.INTEGER),
    NUMERIC_MONEY("n_money", "numeric(12,2)", "(g * 12.25 - 30000)::numeric(12,2)", Kind.NUMERIC),
    NUMERIC_BIG("n_big", "numeric", "g * 98765432109876.54321 + 0.000000001", Kind.NUMERIC),
    NUMERIC_ROUND("n_round", "numeric", "g::numeric * 1000000", Kind.NUMERIC),
    F4("f4", "float4", "(g / 8.0 - 600)::float4", Kind.FLOAT),
    F8("f8", "float8", "(g * 1048576.125 - 5000000000)::float8", Kind.FLOAT),
    TEXT("t", "text", "md5(g::text)", Kind.TEXT),
    VARCHAR("v", "varchar(64)", "'name-' || g || '-é€ж'", Kind.TEXT),
    TEXT_LONG("t_long", "text", "repeat(md5(g::text), 8)", Kind.TEXT),
    DATE("d", "date", "date '1990-01-01' + g", Kind.DATE),
    TIMESTAMP("ts", "timestamp", "timestamp '2000-01-01 12:00:00' + g * interval '1 day' "
            + "+ (g % 3600) * interval '1.000001 second'", Kind.TIMESTAMP),
    TIMESTAMPTZ("tstz", "timestamptz", "timestamptz '2000-01-01 00:00:00+00' + g * interval '1 hour 1.5 second'",
            Kind.TIMESTAMPTZ),
    INTERVAL("iv", "interval", "make_interval(0, g % 25, 0, g % 31, 0, 0, g * 1.000001)", Kind.INTERVAL),
    UUID("u", "uuid", "md5(g::text)::uuid", Kind.UUID),
    UUID_2("u2", "uuid", "md5('u' || g)::uuid", Kind.UUID),
    JSON("j", "json", "('{\"id\":' || g || ',\"name\":\"n' || g || '\",\"tags\":[\"a\",\"b' || g || '\"],\"ok\":true}')::json",
            Kind.JSON),
    JSONB("jb", "jsonb", "('{\"id\": ' || g || ', \"name\": \"n' || g || '\", \"nested\": {\"k\": [1, 2, ' || g || ']}}')::jsonb",
            Kind.JSON),
    BYTEA("b", "bytea", "decode(md5(g::text), 'hex')", Kind.BYTEA),
    BYTEA_LONG("b_long", "bytea", "decode(repeat(md5(g::text), 16), 'hex')", Kind.BYTEA),
    INT4_ARRAY("ia", "int4[]", "ARRAY[g, g + 1, g + 2, -g, g * 3, g * 5, g * 7, g % 11, g % 13, 42]", Kind.INT4_ARRAY),
    TEXT_ARRAY("ta", "text[]", "ARRAY['a' || g, 'bb' || g, md5(g::text)]", Kind.TEXT_ARRAY),
    BOOL("bo", "bool", "g % 3 = 0", Kind.BOOL),
    INET("ip", "inet", "inet '10.0.0.0' + g", Kind.INET4);

    final String column;
    final String type;
    final String generator;
    final Kind kind;

    DecodeColumn(String column, String type, String generator, Kind kind) {
        this.column = column;
        this.type = type;
        this.generator = generator;
        this.kind = kind;
    }

    /** The checksum term of one decoded value; a NULL or a class no driver should return is a wrong result. */
    long checksum(@org.jspecify.annotations.Nullable Object value) {
        if (value == null) {
            throw new WrongResultException("W7 column " + column + ": NULL, but no value is NULL");
        }
        try {
            return kind.java.applyAsLong(value);
        } catch (ClassCastException e) {
            throw new WrongResultException("W7 column " + column + " (" + type + "): unexpected " + value.getClass().getName());
        }
    }

    /** The same term computed by the server from the stored value, as an exact {@code numeric}. */
    String serverChecksum() {
        return "(" + kind.sql.replace("$c", column) + ")::numeric";
    }

    /**
     * How a value turns into a {@code long}: the same arithmetic in Java ({@link ValueChecksums}) and in SQL
     * ({@code $c} is the column). Terms are summed with {@code long} overflow on both sides.
     */
    enum Kind {
        INTEGER("$c", ValueChecksums::integer),
        /** The unscaled value (low 64 bits) plus the scale: a lost trailing zero shows. */
        NUMERIC("trunc($c * 10::numeric ^ scale($c)) + scale($c)", ValueChecksums::numeric),
        /** The data are multiples of 1/8, so eight times the value is an exact integer in both types. */
        FLOAT("($c::float8 * 8)::int8", ValueChecksums::floating),
        TEXT("length($c) + ascii(right($c, 1))", ValueChecksums::text),
        DATE("$c - date '1970-01-01'", ValueChecksums::date),
        /** Microseconds since 1970-01-01 00:00 of the wall-clock value. */
        TIMESTAMP("round(extract(epoch FROM $c) * 1000000)", ValueChecksums::timestamp),
        /** Microseconds since the epoch. */
        TIMESTAMPTZ("round(extract(epoch FROM $c) * 1000000)", ValueChecksums::timestamptz),
        /**
         * Days, a month counted as 30 (vertx-pg-client folds 30 days into a month when it decodes), plus
         * microseconds.
         */
        INTERVAL("(extract(year FROM $c) * 12 + extract(month FROM $c)) * 30 + extract(day FROM $c) "
                + "+ extract(hour FROM $c) * 3600000000 + extract(minute FROM $c) * 60000000 "
                + "+ extract(microseconds FROM $c)", ValueChecksums::interval),
        /** The most plus the least significant 64 bits. */
        UUID("('x' || left(replace($c::text, '-', ''), 16))::bit(64)::int8::numeric "
                + "+ ('x' || right(replace($c::text, '-', ''), 16))::bit(64)::int8::numeric", ValueChecksums::uuid),
        /**
         * Characters other than white space: the same whether a driver returns the server's text or a parsed
         * document it prints again (the data hold only integers, ASCII strings and booleans).
         */
        JSON("length(regexp_replace($c::text, '\\s', '', 'g'))", ValueChecksums::json),
        /** The length plus the first and the last byte. */
        BYTEA("length($c) + get_byte($c, 0) + get_byte($c, length($c) - 1)", ValueChecksums::bytea),
        /** The sum of the elements plus their count. */
        INT4_ARRAY("(SELECT sum(x) + count(*) FROM unnest($c) x)", ValueChecksums::int4Array),
        /** The sum of the elements' lengths plus their count. */
        TEXT_ARRAY("(SELECT sum(length(x)) + count(*) FROM unnest($c) x)", ValueChecksums::textArray),
        /** 1 for true, 2 for false. */
        BOOL("CASE WHEN $c THEN 1 ELSE 2 END", ValueChecksums::bool),
        /** The IPv4 address as an unsigned 32-bit number. */
        INET4("$c - inet '0.0.0.0'", ValueChecksums::inet4);

        final String sql;
        final ToLongFunction<Object> java;

        Kind(String sql, ToLongFunction<Object> java) {
            this.sql = sql;
            this.java = java;
        }
    }
}
