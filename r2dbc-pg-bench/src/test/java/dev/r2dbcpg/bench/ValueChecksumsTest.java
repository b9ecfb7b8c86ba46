package dev.r2dbcpg.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

/** Each driver's default Java type for a value gives the same checksum term as the others'. */
class ValueChecksumsTest {

    @Test
    void intervalsCountAMonthAsThirtyDaysWhicheverDriverDecodedThem() {
        // 1 year 2 months 3 days 01:02:03.000004
        long expected = 14 * 30 + 3 + 3_723_000_004L;

        assertThat(ValueChecksums.interval(dev.r2dbcpg.core.types.Interval.of(14, 3, 3_723_000_004L))).isEqualTo(expected);
        assertThat(ValueChecksums.interval(io.r2dbc.postgresql.codec.Interval.of(1, 2, 3, 1, 2, 3, 4))).isEqualTo(expected);
        assertThat(ValueChecksums.interval(new io.vertx.pgclient.data.Interval(1, 2, 3, 1, 2, 3, 4))).isEqualTo(expected);
        assertThat(ValueChecksums.interval(new PGInterval(1, 2, 3, 1, 2, 3.000004))).isEqualTo(expected);
        // vertx folds 30 days into a month: the same term
        assertThat(ValueChecksums.interval(dev.r2dbcpg.core.types.Interval.of(5, 30, 0)))
                .isEqualTo(ValueChecksums.interval(new io.vertx.pgclient.data.Interval(0, 6, 0)));
    }

    @Test
    void numericTermKeepsTheScaleSoALostTrailingZeroShows() {
        assertThat(ValueChecksums.numeric(new BigDecimal("12.50"))).isEqualTo(1250 + 2);
        assertThat(ValueChecksums.numeric(io.vertx.sqlclient.data.Numeric.create(new BigDecimal("12.50"))))
                .isEqualTo(1250 + 2);
        assertThat(ValueChecksums.numeric(new BigDecimal("12.5"))).isEqualTo(125 + 1);
    }

    @Test
    void datesAndTimestampsFromJavaTimeAndFromJdbcTypesAgree() {
        LocalDateTime wallClock = LocalDateTime.of(2001, 2, 3, 12, 30, 15, 123_456_000);
        long micros = wallClock.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + 123_456;

        assertThat(ValueChecksums.timestamp(wallClock)).isEqualTo(micros);
        assertThat(ValueChecksums.timestamp(Timestamp.valueOf(wallClock))).isEqualTo(micros);
        assertThat(ValueChecksums.timestamptz(wallClock.atOffset(ZoneOffset.ofHours(2))))
                .isEqualTo(ValueChecksums.timestamptz(Timestamp.from(wallClock.atOffset(ZoneOffset.ofHours(2)).toInstant())))
                .isEqualTo(micros - 2 * 3_600_000_000L);
        assertThat(ValueChecksums.timestamptz(OffsetDateTime.of(wallClock, ZoneOffset.UTC))).isEqualTo(micros);
        assertThat(ValueChecksums.date(LocalDate.of(1970, 1, 11))).isEqualTo(10)
                .isEqualTo(ValueChecksums.date(java.sql.Date.valueOf(LocalDate.of(1970, 1, 11))));
    }

    @Test
    void byteaJsonAndInetAgreeAcrossTheDriversClasses() throws Exception {
        byte[] bytes = {7, 1, 2, (byte) 0xFF};
        long byteaTerm = 4 + 7 + 255;
        assertThat(ValueChecksums.bytea(bytes)).isEqualTo(byteaTerm);
        assertThat(ValueChecksums.bytea(ByteBuffer.wrap(new byte[] {9, 7, 1, 2, (byte) 0xFF, 9}, 1, 4).slice()))
                .isEqualTo(byteaTerm);
        assertThat(ValueChecksums.bytea(ByteBuffer.wrap(new byte[] {9, 7, 1, 2, (byte) 0xFF, 9}, 1, 4)))
                .isEqualTo(byteaTerm);
        assertThat(ValueChecksums.bytea(io.vertx.core.buffer.Buffer.buffer(bytes))).isEqualTo(byteaTerm);

        String server = "{\"id\": 1, \"tags\": [\"a\", \"b\"]}";
        long jsonTerm = "{\"id\":1,\"tags\":[\"a\",\"b\"]}".length();
        assertThat(ValueChecksums.json(server)).isEqualTo(jsonTerm);
        assertThat(ValueChecksums.json(io.r2dbc.postgresql.codec.Json.of(server))).isEqualTo(jsonTerm);
        assertThat(ValueChecksums.json(new io.vertx.core.json.JsonObject(server))).isEqualTo(jsonTerm);
        assertThat(ValueChecksums.json(pgObject("jsonb", server))).isEqualTo(jsonTerm);

        InetAddress address = InetAddress.getByAddress(new byte[] {10, 0, 1, (byte) 200});
        long inetTerm = (10L << 24) + (1 << 8) + 200;
        assertThat(ValueChecksums.inet4(address)).isEqualTo(inetTerm);
        assertThat(ValueChecksums.inet4(dev.r2dbcpg.core.types.Inet.of(address))).isEqualTo(inetTerm);
        assertThat(ValueChecksums.inet4(new io.vertx.pgclient.data.Inet().setAddress(address))).isEqualTo(inetTerm);
        assertThat(ValueChecksums.inet4(pgObject("inet", "10.0.1.200"))).isEqualTo(inetTerm);
    }

    @Test
    void aNullOrAnUnexpectedClassIsAWrongResult() {
        assertThatThrownBy(() -> DecodeColumn.INTERVAL.checksum(null))
                .isInstanceOf(WrongResultException.class).hasMessageContaining("iv").hasMessageContaining("NULL");
        assertThatThrownBy(() -> DecodeColumn.INTERVAL.checksum("1 day"))
                .isInstanceOf(WrongResultException.class).hasMessageContaining("java.lang.String");
    }

    private static PGobject pgObject(String type, String value) throws SQLException {
        PGobject object = new PGobject();
        object.setType(type);
        object.setValue(value);
        return object;
    }
}
