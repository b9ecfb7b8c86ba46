package dev.r2dbcpg.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTypesTest {

    /** toString and toIso8601String against the server's output under postgres and iso_8601. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1 year 2 mons 3 days 04:05:06.789 | P1Y2M3DT4H5M6.789S",
            "-1 years -2 mons +3 days -04:05:06 | P-1Y-2M3DT-4H-5M-6S",
            "00:00:00 | PT0S",
            "-00:00:00.000001 | PT-0.000001S",
            "1 day | P1D",
            "-2 days | P-2D",
            "1 mon | P1M",
            "178000000 years | P178000000Y",
            "25:00:00 | PT25H",
            "-1 years | P-1Y",
            "1 day -00:00:01 | P1DT-1S",
            "2562047788:00:54.775807 | PT2562047788H54.775807S",
            "infinity | infinity",
            "-infinity | -infinity"})
    void intervalPrintsAsTheServerDoes(String postgres, String iso) {
        Interval interval = Interval.parse(postgres);
        assertThat(interval.toString()).isEqualTo(postgres);
        assertThat(interval.toIso8601String()).isEqualTo(iso);
        assertThat(Interval.parse(iso)).isEqualTo(interval);
    }

    @Test
    void intervalConvertsToDurationCountingDaysAs24Hours() {
        assertThat(Interval.of(0, 2, 5_000_001).toDuration()).isEqualTo(Duration.ofDays(2).plusSeconds(5).plusNanos(1000));
        assertThatThrownBy(() -> Interval.of(1, 0, 0).toDuration()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("months");
        assertThatThrownBy(() -> Interval.POSITIVE_INFINITY.toDuration()).hasMessageContaining("infinite");
    }

    @Test
    void intervalConvertsToPeriodWithoutTimePart() {
        assertThat(Interval.of(14, 3, 0).toPeriod()).isEqualTo(Period.of(1, 2, 3));
        assertThat(Interval.of(Period.of(1, 2, 3))).isEqualTo(Interval.of(14, 3, 0));
        assertThatThrownBy(() -> Interval.of(0, 0, 1).toPeriod()).hasMessageContaining("time part");
    }

    @Test
    void intervalOfDurationTruncatesNanosAndKeepsDaysZero() {
        assertThat(Interval.of(Duration.ofHours(36).plusNanos(1999))).isEqualTo(Interval.of(0, 0, 129_600_000_001L));
        assertThat(Interval.of(0, 1, 0)).isNotEqualTo(Interval.of(0, 0, 86_400_000_000L));
    }

    @Test
    void intervalRejectsMalformedText() {
        assertThatThrownBy(() -> Interval.parse("1 fortnight")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interval.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interval.parse("3000000000 days")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void geometricTypesPrintPostgresSyntax() {
        assertThat(new Point(1.5, -2)).hasToString("(1.5,-2)");
        assertThat(new Point(1e300, 1e-5)).hasToString("(1e+300,1e-05)");
        assertThat(new Point(123456789012345.0, 0.0001)).hasToString("(123456789012345,0.0001)");
        assertThat(new Line(1, -1, 0)).hasToString("{1,-1,0}");
        assertThat(new LineSegment(new Point(0, 0), new Point(1, 1))).hasToString("[(0,0),(1,1)]");
        assertThat(new Box(new Point(0, 1), new Point(1, 0))).hasToString("(1,1),(0,0)");
        assertThat(new Path(List.of(new Point(0, 0), new Point(1, 1)), false)).hasToString("[(0,0),(1,1)]");
        assertThat(new Path(List.of(new Point(0, 0), new Point(1, 1)), true)).hasToString("((0,0),(1,1))");
        assertThat(new Polygon(List.of(new Point(0, 0), new Point(1, 1), new Point(1, 0)))).hasToString("((0,0),(1,1),(1,0))");
        assertThat(new Circle(new Point(1, 2), 3)).hasToString("<(1,2),3>");
        assertThat(new Point(Double.NaN, 0)).isEqualTo(new Point(Double.NaN, 0));
        assertThatThrownBy(() -> new Circle(new Point(0, 0), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Polygon(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inetKeepsPrefixAndMappedAddresses() {
        assertThat(Inet.parse("192.168.0.1/24")).hasToString("192.168.0.1/24");
        assertThat(Inet.parse("192.168.0.1/32")).hasToString("192.168.0.1");
        assertThat(Inet.parse("::ffff:1.2.3.4")).hasToString("::ffff:1.2.3.4");
        assertThat(Inet.parse("::ffff:1.2.3.4").address()).isInstanceOf(java.net.Inet6Address.class);
        assertThat(Inet.parse("2001:0db8:0:0:0:0:0:1/64")).hasToString("2001:db8::1/64");
        assertThat(Inet.parse("1:0:2:0:0:0:0:3")).hasToString("1:0:2::3");
        assertThat(Inet.parse("1::")).hasToString("1::");
        assertThat(Inet.parse("::")).hasToString("::");
        assertThatThrownBy(() -> Inet.parse("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Inet.parse("1.2.3.256")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cidrRejectsHostBits() {
        assertThat(Cidr.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse("10.1.2.3")).hasToString("10.1.2.3/32");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.1/8")).hasMessageContaining("right of the netmask");
    }

    @Test
    void macAddressParsesPostgresInputForms() {
        MacAddress mac = MacAddress.parse("08:00:2b:01:02:03");
        assertThat(MacAddress.parse("08-00-2B-01-02-03")).isEqualTo(mac);
        assertThat(MacAddress.parse("0800.2b01.0203")).isEqualTo(mac);
        assertThat(MacAddress.parse("08002b010203")).hasToString("08:00:2b:01:02:03");
        assertThat(MacAddress.parse("08:00:2b:01:02:03:04:05").size()).isEqualTo(8);
        assertThatThrownBy(() -> MacAddress.parse("08:00:2b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bitStringConvertsToAndFromBitSet() {
        BitString bits = BitString.parse("1010000001");
        BitSet set = bits.toBitSet();
        assertThat(set.stream()).containsExactly(0, 2, 9);
        assertThat(BitString.of(set, 10)).isEqualTo(bits);
        assertThat(BitString.of(set, 12)).hasToString("101000000100");
        assertThat(BitString.of(new byte[] {(byte) 0xFF}, 3)).isEqualTo(BitString.parse("111"));
        assertThatThrownBy(() -> BitString.parse("102")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lsnOrdersUnsigned() {
        assertThat(Lsn.parse("16/B374D848").asLong()).isEqualTo(0x16_B374_D848L);
        assertThat(Lsn.parse("FFFFFFFF/0")).isGreaterThan(Lsn.parse("1/0"));
        assertThat(Lsn.of(0x1_0000_000AL)).hasToString("1/A");
        assertThatThrownBy(() -> Lsn.parse("16-B374D848")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tidChecksRanges() {
        assertThat(new Tid(4294967295L, 65535)).hasToString("(4294967295,65535)");
        assertThatThrownBy(() -> new Tid(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
