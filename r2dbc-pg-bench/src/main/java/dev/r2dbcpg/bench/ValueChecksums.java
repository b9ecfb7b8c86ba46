package dev.r2dbcpg.bench;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The Java side of each {@link DecodeColumn.Kind}: one function per kind that accepts the default Java type of
 * every driver in the benchmark (the class its untyped getter returns) and fails on any other class. The
 * arithmetic matches the SQL of the kind exactly.
 *
 * <p>Defaults that differ by driver: {@code numeric} is vertx's {@code Numeric}; {@code date}, {@code timestamp}
 * and {@code timestamptz} are pgjdbc's {@code java.sql.Date} and {@code Timestamp}; {@code interval},
 * {@code json}/{@code jsonb} and {@code inet} are each driver's own class (r2dbc-pg returns JSON as
 * {@code String}); {@code bytea} is a {@code ByteBuffer} (R2DBC), vertx's {@code Buffer} or {@code byte[]}
 * (pgjdbc); arrays are {@code Integer[]}/{@code String[]} or pgjdbc's {@code java.sql.Array}.
 */
final class ValueChecksums {

    private static final long MICROS_PER_HOUR = 3_600_000_000L;
    private static final long MICROS_PER_MINUTE = 60_000_000L;

    private ValueChecksums() {
    }

    static long integer(Object value) {
        return ((Number) value).longValue();
    }

    static long numeric(Object value) {
        BigDecimal decimal = value instanceof io.vertx.sqlclient.data.Numeric n ? n.bigDecimalValue() : (BigDecimal) value;
        return decimal.unscaledValue().longValue() + decimal.scale();
    }

    static long floating(Object value) {
        return (long) (((Number) value).doubleValue() * 8);
    }

    static long text(Object value) {
        String s = (String) value;
        return s.length() + s.charAt(s.length() - 1);
    }

    static long date(Object value) {
        LocalDate date = value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
        return date.toEpochDay();
    }

    static long timestamp(Object value) {
        LocalDateTime t = value instanceof java.sql.Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) value;
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + t.getNano() / 1_000;
    }

    static long timestamptz(Object value) {
        Instant t = value instanceof java.sql.Timestamp ts ? ts.toInstant() : ((OffsetDateTime) value).toInstant();
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    static long interval(Object value) {
        if (value instanceof dev.r2dbcpg.core.types.Interval i) {
            return i.months() * 30L + i.days() + i.microseconds();
        }
        if (value instanceof io.r2dbc.postgresql.codec.Interval i) {
            return (i.getYears() * 12L + i.getMonths()) * 30 + i.getDays() + i.getHours() * MICROS_PER_HOUR
                    + i.getMinutes() * MICROS_PER_MINUTE + i.getSecondsInMinute() * 1_000_000L
                    + i.getMicrosecondsInSecond();
        }
        if (value instanceof io.vertx.pgclient.data.Interval i) {
            return (i.getYears() * 12L + i.getMonths()) * 30 + i.getDays() + i.getHours() * MICROS_PER_HOUR
                    + i.getMinutes() * MICROS_PER_MINUTE + i.getSeconds() * 1_000_000L + i.getMicroseconds();
        }
        org.postgresql.util.PGInterval i = (org.postgresql.util.PGInterval) value;
        return (i.getYears() * 12L + i.getMonths()) * 30 + i.getDays() + i.getHours() * MICROS_PER_HOUR
                + i.getMinutes() * MICROS_PER_MINUTE + i.getWholeSeconds() * 1_000_000L + i.getMicroSeconds();
    }

    static long uuid(Object value) {
        UUID u = (UUID) value;
        return u.getMostSignificantBits() + u.getLeastSignificantBits();
    }

    static long json(Object value) {
        CharSequence text;
        if (value instanceof String s) {
            text = s;
        } else if (value instanceof io.r2dbc.postgresql.codec.Json j) {
            text = j.asString();
        } else if (value instanceof io.vertx.core.json.JsonObject o) {
            text = o.encode();
        } else {
            text = java.util.Objects.requireNonNull(((org.postgresql.util.PGobject) value).getValue(), "json text");
        }
        long count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f' && c != 0x0B) {
                count++;
            }
        }
        return count;
    }

    static long bytea(Object value) {
        if (value instanceof ByteBuffer b) {
            int n = b.remaining();
            return n + (b.get(b.position()) & 0xFF) + (b.get(b.limit() - 1) & 0xFF);
        }
        if (value instanceof io.vertx.core.buffer.Buffer b) {
            int n = b.length();
            return n + (b.getByte(0) & 0xFF) + (b.getByte(n - 1) & 0xFF);
        }
        byte[] b = (byte[]) value;
        return b.length + (b[0] & 0xFF) + (b[b.length - 1] & 0xFF);
    }

    static long int4Array(Object value) {
        Integer[] elements = (Integer[]) elements(value);
        long sum = elements.length;
        for (Integer e : elements) {
            sum += e;
        }
        return sum;
    }

    static long textArray(Object value) {
        String[] elements = (String[]) elements(value);
        long sum = elements.length;
        for (String e : elements) {
            sum += e.length();
        }
        return sum;
    }

    static long bool(Object value) {
        return (Boolean) value ? 1 : 2;
    }

    static long inet4(Object value) {
        InetAddress address;
        if (value instanceof InetAddress a) {
            address = a;
        } else if (value instanceof dev.r2dbcpg.core.types.Inet i) {
            address = i.address();
        } else if (value instanceof io.vertx.pgclient.data.Inet i) {
            address = i.getAddress();
        } else {
            // pgjdbc: a PGobject holding the text; an IP literal is parsed without any name lookup
            String text = java.util.Objects.requireNonNull(((org.postgresql.util.PGobject) value).getValue(), "inet");
            try {
                address = InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                throw new WrongResultException("inet " + text + ": " + e.getMessage());
            }
        }
        byte[] b = address.getAddress();
        return (b[0] & 0xFFL) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    /** The elements of an array value: a Java array, or pgjdbc's {@code java.sql.Array}. */
    private static Object elements(Object value) {
        if (value instanceof java.sql.Array a) {
            try {
                return a.getArray();
            } catch (SQLException e) {
                throw new IllegalStateException("pgjdbc: " + e.getMessage(), e);
            }
        }
        return value;
    }
}
