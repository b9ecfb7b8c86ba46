package dev.r2dbcpg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based round trips without a server for the numeric, text and date/time families:
 * a value bound by its class is encoded by the codec the registry picks, decoded by the codec of
 * the parameter type it declared, and must come back equal; where the Java text form is also
 * PostgreSQL's, decoding that text must give the same value.
 */
class CodecRoundTripPropertiesTest {

    private static final CodecRegistry REGISTRY = CodecRegistry.defaults();
    /** PostgreSQL's time output: seconds always, microseconds without trailing zeros. */
    private static final DateTimeFormatter PG_TIME = new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true).toFormatter();

    /** Encodes as {@code Statement.bind} would and decodes as a column of the declared type. */
    private static Object roundTrip(Object value, int expectedOid) {
        Codec<?> codec = REGISTRY.forValue(value);
        int oid = codec.paramOid(value);
        Format format = codec.encodeFormat(value);
        assertThat(oid).isEqualTo(expectedOid);
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeByte(42);
            codec.encode(value, buf);
            int decodeOid = oid == Oids.UNSPECIFIED ? Oids.TEXT : oid;
            return REGISTRY.forOid(decodeOid).decode(buf, 1, buf.readableBytes() - 1, format, value.getClass());
        } finally {
            buf.release();
        }
    }

    private static <T> T fromText(int oid, String text, Class<T> target) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            return REGISTRY.forOid(oid).decode(buf, 0, buf.readableBytes(), Format.TEXT, target);
        } finally {
            buf.release();
        }
    }

    @Property
    void shortsRoundTrip(@ForAll short value) {
        assertThat(roundTrip(value, Oids.INT2)).isEqualTo(value);
        assertThat(fromText(Oids.INT2, Short.toString(value), Short.class)).isEqualTo(value);
    }

    @Property
    void integersRoundTrip(@ForAll int value) {
        assertThat(roundTrip(value, Oids.INT4)).isEqualTo(value);
        assertThat(fromText(Oids.INT4, Integer.toString(value), Integer.class)).isEqualTo(value);
    }

    @Property
    void longsRoundTrip(@ForAll long value) {
        assertThat(roundTrip(value, Oids.INT8)).isEqualTo(value);
        assertThat(fromText(Oids.INT8, Long.toString(value), Long.class)).isEqualTo(value);
    }

    @Property
    void floatsRoundTripBitForBit(@ForAll float value) {
        assertThat(Float.floatToIntBits((Float) roundTrip(value, Oids.FLOAT4))).isEqualTo(Float.floatToIntBits(value));
    }

    @Property
    void doublesRoundTripBitForBit(@ForAll double value) {
        assertThat(Double.doubleToLongBits((Double) roundTrip(value, Oids.FLOAT8)))
                .isEqualTo(Double.doubleToLongBits(value));
    }

    @Property
    void numericsKeepValueAndScale(@ForAll("numerics") BigDecimal value) {
        assertThat(roundTrip(value, Oids.NUMERIC)).isEqualTo(value);
        assertThat(fromText(Oids.NUMERIC, value.toPlainString(), BigDecimal.class)).isEqualTo(value);
    }

    @Property
    void bigIntegersRoundTripAsNumeric(@ForAll("bigIntegers") BigInteger value) {
        assertThat(roundTrip(value, Oids.NUMERIC)).isEqualTo(value);
    }

    @Provide
    Arbitrary<BigDecimal> numerics() {
        return Combinators.combine(Arbitraries.bigIntegers().between(
                        BigInteger.TEN.pow(60).negate(), BigInteger.TEN.pow(60)), Arbitraries.integers().between(0, 40))
                .as(BigDecimal::new);
    }

    @Provide
    Arbitrary<BigInteger> bigIntegers() {
        return Arbitraries.bigIntegers().between(BigInteger.TEN.pow(100).negate(), BigInteger.TEN.pow(100));
    }

    @Property
    void stringsRoundTripAsUntypedText(@ForAll("texts") String value) {
        assertThat(roundTrip(value, Oids.UNSPECIFIED)).isEqualTo(value);
    }

    @Provide
    Arbitrary<String> texts() {
        // Any Unicode but NUL, which PostgreSQL text cannot hold; surrogates only as valid pairs.
        return Arbitraries.strings().withCharRange('\u0001', '\ud7ff').withCharRange('\ue000', '\uffff')
                .ofMaxLength(200)
                .injectDuplicates(0.01)
                .edgeCases(c -> c.add("😀 emoji 🎉", ""));
    }

    @Property
    void datesRoundTrip(@ForAll("dates") LocalDate value) {
        assertThat(roundTrip(value, Oids.DATE)).isEqualTo(value);
        if (value.getYear() >= 1 && value.getYear() <= 9999) {
            assertThat(fromText(Oids.DATE, value.toString(), LocalDate.class)).isEqualTo(value);
        }
    }

    @Property
    void timesRoundTripAtMicrosecondPrecision(@ForAll("times") LocalTime value) {
        assertThat(roundTrip(value, Oids.TIME)).isEqualTo(value);
        assertThat(fromText(Oids.TIME, PG_TIME.format(value), LocalTime.class)).isEqualTo(value);
    }

    @Property
    void timesWithZoneRoundTrip(@ForAll("times") LocalTime time, @ForAll("offsets") ZoneOffset offset) {
        OffsetTime value = OffsetTime.of(time, offset);
        assertThat(roundTrip(value, Oids.TIMETZ)).isEqualTo(value);
    }

    @Property
    void timestampsRoundTrip(@ForAll("dates") LocalDate date, @ForAll("times") LocalTime time) {
        LocalDateTime value = LocalDateTime.of(date, time);
        assertThat(roundTrip(value, Oids.TIMESTAMP)).isEqualTo(value);
    }

    @Property
    void timestamptzRoundTripsAsTheSameInstant(@ForAll("dates") LocalDate date, @ForAll("times") LocalTime time,
            @ForAll("offsets") ZoneOffset offset) {
        OffsetDateTime value = OffsetDateTime.of(date, time, offset);
        Object back = roundTrip(value, Oids.TIMESTAMPTZ);
        assertThat(((OffsetDateTime) back).toInstant()).isEqualTo(value.toInstant());
        Instant instant = value.toInstant();
        assertThat(roundTrip(instant, Oids.TIMESTAMPTZ)).isEqualTo(instant);
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        // PostgreSQL's timestamp range: 4713 BC (year -4712) to 294276 AD; kept inside by a day each side
        // so that any time of day and any offset stay in range.
        long min = LocalDate.of(-4712, 1, 3).toEpochDay();
        long max = LocalDate.of(294276, 12, 29).toEpochDay();
        return Arbitraries.longs().between(min, max).map(LocalDate::ofEpochDay)
                .edgeCases(c -> c.add(LocalDate.of(2000, 1, 1), LocalDate.of(1970, 1, 1), LocalDate.of(-1, 12, 31)));
    }

    @Provide
    Arbitrary<LocalTime> times() {
        return Arbitraries.longs().between(0, 86_399_999_999L).map(micros -> LocalTime.ofNanoOfDay(micros * 1000));
    }

    @Provide
    Arbitrary<ZoneOffset> offsets() {
        return Arbitraries.integers().between(-15 * 3600, 15 * 3600).map(s -> ZoneOffset.ofTotalSeconds(s / 60 * 60));
    }
}
