package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.types.Interval;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.time.Period;

/**
 * {@code interval}: in binary int8 microseconds, int4 days, int4 months; in text any
 * {@code IntervalStyle}. Decodes as {@link Interval}, and as {@link Duration} (only without
 * months; a day counts as 24 hours), {@link Period} (only without a time part) or {@code String}.
 * Encodes {@link Interval}, {@link Duration} (all in microseconds, nanoseconds truncated) and
 * {@link Period} (months and days).
 */
final class IntervalCodecs {

    static final IntervalCodec INTERVAL = new IntervalCodec();

    private IntervalCodecs() {
    }

    static final class IntervalCodec extends AbstractCodec<Interval> {

        IntervalCodec() {
            super(Oids.INTERVAL, "interval", Interval.class,
                    types(Duration.class, Period.class),
                    types(Interval.class, Duration.class, Period.class));
        }

        @Override
        Interval decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 16);
                return Interval.of(buf.getInt(offset + 12), buf.getInt(offset + 8), buf.getLong(offset));
            }
            try {
                return Interval.parse(CodecSupport.ascii(buf, offset, length));
            } catch (IllegalArgumentException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        @Override
        Object convert(Interval value, Class<?> target) {
            try {
                return target == Duration.class ? value.toDuration() : value.toPeriod();
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("Cannot decode PostgreSQL interval as " + target.getName()
                        + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            Interval interval;
            try {
                interval = value instanceof Interval ? (Interval) value
                        : value instanceof Duration ? Interval.of((Duration) value) : Interval.of((Period) value);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("Value " + value + " is out of range for PostgreSQL interval", e);
            }
            out.writeLong(interval.microseconds()).writeInt(interval.days()).writeInt(interval.months());
        }
    }
}
