package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.Function;

/**
 * {@code date}, {@code time}, {@code timetz}, {@code timestamp} and {@code timestamptz}.
 *
 * <p>Binary format (integer datetimes): {@code date} is int32 days since 2000-01-01;
 * {@code time} int64 microseconds since midnight; {@code timetz} that plus int32 seconds
 * <em>west</em> of UTC; {@code timestamp}/{@code timestamptz} int64 microseconds since
 * 2000-01-01 00:00 (UTC for timestamptz). Text format: ISO DateStyle, see {@link TemporalText}.
 *
 * <p>Infinity, both ways: {@code date} ±infinity is {@link LocalDate#MAX}/{@link LocalDate#MIN};
 * {@code timestamp} ±infinity is {@link LocalDateTime#MAX}/{@link LocalDateTime#MIN};
 * {@code timestamptz} ±infinity is {@link OffsetDateTime#MAX}/{@link OffsetDateTime#MIN},
 * {@link Instant#MAX}/{@link Instant#MIN}, or those OffsetDateTime bounds as ZonedDateTime.
 * {@code time} 24:00:00 is {@link LocalTime#MAX} (both ways). Nanoseconds are truncated to
 * microseconds on encode. Values beyond the range of int64 microseconds fail to encode.
 */
final class TemporalCodecs {

    static final DateCodec DATE = new DateCodec();
    static final TimeCodec TIME = new TimeCodec();
    static final TimetzCodec TIMETZ = new TimetzCodec();
    static final TimestampCodec TIMESTAMP = new TimestampCodec();
    static final TimestamptzCodec TIMESTAMPTZ = new TimestamptzCodec();

    /** 2000-01-01 in days and seconds since 1970-01-01. */
    private static final long PG_EPOCH_DAYS = 10_957;
    private static final long PG_EPOCH_SECONDS = PG_EPOCH_DAYS * 86_400;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private TemporalCodecs() {
    }

    private static <T> T parseText(String typeName, ByteBuf buf, int offset, int length, Function<String, T> parser) {
        try {
            return parser.apply(CodecSupport.ascii(buf, offset, length));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Malformed PostgreSQL " + typeName + " value in text format: \""
                    + CodecSupport.ascii(buf, offset, Math.min(length, 64)) + '"', e);
        }
    }

    private static LocalTime timeFromMicros(long micros) {
        return micros == MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
    }

    private static long timeToMicros(LocalTime time) {
        return time.equals(LocalTime.MAX) ? MICROS_PER_DAY : time.toNanoOfDay() / 1000;
    }

    /** Microseconds since 2000-01-01 00:00 to a UTC date-time; no infinity handling. */
    private static LocalDateTime fromMicros(long micros) {
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        long microOfDay = micros - days * MICROS_PER_DAY;
        return LocalDateTime.of(epochDay(days + PG_EPOCH_DAYS), LocalTime.ofNanoOfDay(microOfDay * 1000));
    }

    /** A day and its number, kept by {@link #epochDay}. */
    private record Day(long epochDay, LocalDate date) {
    }

    /** The last day built: time-ordered values fall on the same day, and {@code LocalDate.ofEpochDay} is costly. */
    private static volatile Day lastDay = new Day(PG_EPOCH_DAYS, LocalDate.ofEpochDay(PG_EPOCH_DAYS));

    /** {@link LocalDate#ofEpochDay}, reusing the last day built (both are immutable, so sharing them is safe). */
    private static LocalDate epochDay(long epochDay) {
        Day last = lastDay;
        if (last.epochDay() == epochDay) {
            return last.date();
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        lastDay = new Day(epochDay, date);
        return date;
    }

    private static long toMicros(long epochSecond, int nano, String typeName, Object value) {
        try {
            return Math.addExact(Math.multiplyExact(epochSecond - PG_EPOCH_SECONDS, 1_000_000L), nano / 1000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Cannot encode " + value + " as PostgreSQL " + typeName + ": out of range");
        }
    }

    /** {@code date} as {@link LocalDate}. */
    static final class DateCodec extends AbstractCodec<LocalDate> {

        DateCodec() {
            super(Oids.DATE, "date", LocalDate.class, types(LocalDateTime.class), types(LocalDate.class));
        }

        @Override
        LocalDate decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.TEXT) {
                return parseText(typeName(), buf, offset, length, s -> s.equals("infinity") ? LocalDate.MAX
                        : s.equals("-infinity") ? LocalDate.MIN : TemporalText.parseDate(s));
            }
            CodecSupport.checkLength(typeName(), buf, offset, length, 4);
            int days = buf.getInt(offset);
            return days == Integer.MAX_VALUE ? LocalDate.MAX
                    : days == Integer.MIN_VALUE ? LocalDate.MIN
                    : LocalDate.ofEpochDay(days + PG_EPOCH_DAYS);
        }

        /** As {@code date::timestamp}: midnight; the infinities stay infinite. */
        @Override
        Object convert(LocalDate value, Class<?> target) {
            return value.equals(LocalDate.MAX) ? LocalDateTime.MAX
                    : value.equals(LocalDate.MIN) ? LocalDateTime.MIN : value.atStartOfDay();
        }

        @Override
        String text(LocalDate value, ZoneId timeZone) {
            return TextOutput.date(value);
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            LocalDate date = (LocalDate) value;
            if (date.equals(LocalDate.MAX)) {
                out.writeInt(Integer.MAX_VALUE);
            } else if (date.equals(LocalDate.MIN)) {
                out.writeInt(Integer.MIN_VALUE);
            } else {
                long days = date.toEpochDay() - PG_EPOCH_DAYS;
                if (days != (int) days || days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    throw new IllegalArgumentException("Cannot encode " + date + " as PostgreSQL date: out of range");
                }
                out.writeInt((int) days);
            }
        }
    }

    /** {@code time} as {@link LocalTime}. */
    static final class TimeCodec extends AbstractCodec<LocalTime> {

        TimeCodec() {
            super(Oids.TIME, "time", LocalTime.class, types(), types(LocalTime.class));
        }

        @Override
        LocalTime decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.TEXT) {
                return parseText(typeName(), buf, offset, length, TemporalText::parseTime);
            }
            CodecSupport.checkLength(typeName(), buf, offset, length, 8);
            return timeFromMicros(buf.getLong(offset));
        }

        @Override
        String text(LocalTime value, ZoneId timeZone) {
            return TextOutput.time(value);
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeLong(timeToMicros((LocalTime) value));
        }
    }

    /** {@code timetz} as {@link OffsetTime}, keeping the value's own offset. */
    static final class TimetzCodec extends AbstractCodec<OffsetTime> {

        TimetzCodec() {
            super(Oids.TIMETZ, "timetz", OffsetTime.class, types(), types(OffsetTime.class));
        }

        @Override
        OffsetTime decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.TEXT) {
                return parseText(typeName(), buf, offset, length, TemporalText::parseTimetz);
            }
            CodecSupport.checkLength(typeName(), buf, offset, length, 12);
            // the zone is stored as seconds west of Greenwich, the opposite sign of ISO offsets
            return OffsetTime.of(timeFromMicros(buf.getLong(offset)),
                    ZoneOffset.ofTotalSeconds(-buf.getInt(offset + 8)));
        }

        @Override
        String text(OffsetTime value, ZoneId timeZone) {
            return TextOutput.timetz(value);
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            OffsetTime time = (OffsetTime) value;
            out.writeLong(timeToMicros(time.toLocalTime())).writeInt(-time.getOffset().getTotalSeconds());
        }
    }

    /** {@code timestamp} as {@link LocalDateTime}. */
    static final class TimestampCodec extends AbstractCodec<LocalDateTime> {

        TimestampCodec() {
            super(Oids.TIMESTAMP, "timestamp", LocalDateTime.class, types(), types(LocalDateTime.class));
        }

        @Override
        LocalDateTime decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.TEXT) {
                return parseText(typeName(), buf, offset, length, s -> s.equals("infinity") ? LocalDateTime.MAX
                        : s.equals("-infinity") ? LocalDateTime.MIN : TemporalText.parseTimestamp(s));
            }
            CodecSupport.checkLength(typeName(), buf, offset, length, 8);
            long micros = buf.getLong(offset);
            return micros == Long.MAX_VALUE ? LocalDateTime.MAX
                    : micros == Long.MIN_VALUE ? LocalDateTime.MIN
                    : fromMicros(micros);
        }

        @Override
        String text(LocalDateTime value, ZoneId timeZone) {
            return TextOutput.timestamp(value);
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            LocalDateTime dt = (LocalDateTime) value;
            if (dt.equals(LocalDateTime.MAX)) {
                out.writeLong(Long.MAX_VALUE);
            } else if (dt.equals(LocalDateTime.MIN)) {
                out.writeLong(Long.MIN_VALUE);
            } else {
                out.writeLong(toMicros(dt.toEpochSecond(ZoneOffset.UTC), dt.getNano(), typeName(), value));
            }
        }
    }

    /**
     * {@code timestamptz} as {@link OffsetDateTime} at UTC (also from text, whatever the session
     * TimeZone, so both formats decode equal values), {@link Instant} or {@link ZonedDateTime}
     * (at UTC). Encodes OffsetDateTime, Instant and ZonedDateTime as the instant they denote.
     */
    static final class TimestamptzCodec extends AbstractCodec<OffsetDateTime> {

        TimestamptzCodec() {
            super(Oids.TIMESTAMPTZ, "timestamptz", OffsetDateTime.class,
                    types(Instant.class, ZonedDateTime.class),
                    types(OffsetDateTime.class, Instant.class, ZonedDateTime.class));
        }

        @Override
        OffsetDateTime decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.TEXT) {
                return parseText(typeName(), buf, offset, length, s -> s.equals("infinity") ? OffsetDateTime.MAX
                        : s.equals("-infinity") ? OffsetDateTime.MIN
                        : TemporalText.parseTimestamptz(s).withOffsetSameInstant(ZoneOffset.UTC));
            }
            CodecSupport.checkLength(typeName(), buf, offset, length, 8);
            long micros = buf.getLong(offset);
            return micros == Long.MAX_VALUE ? OffsetDateTime.MAX
                    : micros == Long.MIN_VALUE ? OffsetDateTime.MIN
                    : fromMicros(micros).atOffset(ZoneOffset.UTC);
        }

        @Override
        Object convert(OffsetDateTime value, Class<?> target) {
            boolean infinite = value.equals(OffsetDateTime.MAX) || value.equals(OffsetDateTime.MIN);
            if (target == Instant.class) {
                return infinite ? (value.equals(OffsetDateTime.MAX) ? Instant.MAX : Instant.MIN) : value.toInstant();
            }
            return value.toZonedDateTime();
        }

        @Override
        String text(OffsetDateTime value, ZoneId timeZone) {
            return TextOutput.timestamptz(value, timeZone);
        }

        /** Also {@code java.util.Date} itself (an instant), not its {@code java.sql} subclasses. */
        @Override
        public boolean canEncode(Object value) {
            return super.canEncode(value) || value.getClass() == java.util.Date.class;
        }

        @Override
        public boolean canEncodeType(Class<?> type) {
            return super.canEncodeType(type) || type == java.util.Date.class;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            OffsetDateTime dt;
            if (value instanceof Instant || value instanceof java.util.Date) {
                Instant instant = value instanceof Instant ? (Instant) value : ((java.util.Date) value).toInstant();
                if (instant.equals(Instant.MAX) || instant.equals(Instant.MIN)) {
                    out.writeLong(instant.equals(Instant.MAX) ? Long.MAX_VALUE : Long.MIN_VALUE);
                    return;
                }
                out.writeLong(toMicros(instant.getEpochSecond(), instant.getNano(), typeName(), value));
                return;
            }
            dt = value instanceof ZonedDateTime ? ((ZonedDateTime) value).toOffsetDateTime() : (OffsetDateTime) value;
            if (dt.equals(OffsetDateTime.MAX)) {
                out.writeLong(Long.MAX_VALUE);
            } else if (dt.equals(OffsetDateTime.MIN)) {
                out.writeLong(Long.MIN_VALUE);
            } else {
                out.writeLong(toMicros(dt.toEpochSecond(), dt.getNano(), typeName(), value));
            }
        }
    }
}
