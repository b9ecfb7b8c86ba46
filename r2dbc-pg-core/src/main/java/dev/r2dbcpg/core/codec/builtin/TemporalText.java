package dev.r2dbcpg.core.codec.builtin;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * Parses the text output of the date/time types under {@code DateStyle = ISO}: dates
 * {@code 2024-01-02} (years may have more than four digits), times {@code 03:04:05.123456},
 * offsets {@code +01}, {@code -02:30} or {@code +05:53:28}, a trailing {@code " BC"} for years
 * before 1 AD (BC year N is proleptic year 1 - N), and {@code infinity} / {@code -infinity},
 * which the callers handle before parsing.
 */
final class TemporalText {

    private final String text;
    private int pos;
    private int year;
    private int month;
    private int day;

    private TemporalText(String text) {
        this.text = text;
    }

    static LocalDate parseDate(String text) {
        TemporalText p = new TemporalText(text);
        p.readDate();
        boolean bc = p.readEra();
        p.end();
        return p.date(bc);
    }

    static LocalTime parseTime(String text) {
        TemporalText p = new TemporalText(text);
        LocalTime time = p.readTime();
        p.end();
        return time;
    }

    static OffsetTime parseTimetz(String text) {
        TemporalText p = new TemporalText(text);
        LocalTime time = p.readTime();
        ZoneOffset offset = p.readOffset();
        p.end();
        return OffsetTime.of(time, offset);
    }

    static LocalDateTime parseTimestamp(String text) {
        TemporalText p = new TemporalText(text);
        p.readDate();
        p.expect(' ');
        LocalTime time = p.readTime();
        boolean bc = p.readEra();
        p.end();
        return LocalDateTime.of(p.date(bc), time);
    }

    static OffsetDateTime parseTimestamptz(String text) {
        TemporalText p = new TemporalText(text);
        p.readDate();
        p.expect(' ');
        LocalTime time = p.readTime();
        ZoneOffset offset = p.readOffset();
        boolean bc = p.readEra();
        p.end();
        return OffsetDateTime.of(p.date(bc), time, offset);
    }

    private void readDate() {
        year = readInt(1, 9);
        expect('-');
        month = readInt(2, 2);
        expect('-');
        day = readInt(2, 2);
    }

    private LocalDate date(boolean bc) {
        return LocalDate.of(bc ? 1 - year : year, month, day);
    }

    private LocalTime readTime() {
        int hour = readInt(2, 2);
        expect(':');
        int minute = readInt(2, 2);
        expect(':');
        int second = readInt(2, 2);
        int nano = 0;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            int start = pos;
            nano = readInt(1, 9);
            for (int i = pos - start; i < 9; i++) {
                nano *= 10;
            }
        }
        if (hour == 24 && minute == 0 && second == 0 && nano == 0) {
            // PostgreSQL allows 24:00:00 for time and timetz; LocalTime stops one tick before
            return LocalTime.MAX;
        }
        return LocalTime.of(hour, minute, second, nano);
    }

    private ZoneOffset readOffset() {
        if (pos >= text.length() || (text.charAt(pos) != '+' && text.charAt(pos) != '-')) {
            throw malformed();
        }
        int sign = text.charAt(pos++) == '-' ? -1 : 1;
        int seconds = readInt(2, 2) * 3600;
        if (pos < text.length() && text.charAt(pos) == ':') {
            pos++;
            seconds += readInt(2, 2) * 60;
            if (pos < text.length() && text.charAt(pos) == ':') {
                pos++;
                seconds += readInt(2, 2);
            }
        }
        return ZoneOffset.ofTotalSeconds(sign * seconds);
    }

    private boolean readEra() {
        if (text.startsWith(" BC", pos)) {
            pos += 3;
            return true;
        }
        return false;
    }

    private int readInt(int minDigits, int maxDigits) {
        int start = pos;
        int value = 0;
        while (pos < text.length() && pos - start < maxDigits) {
            char c = text.charAt(pos);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            pos++;
        }
        if (pos - start < minDigits) {
            throw malformed();
        }
        return value;
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw malformed();
        }
        pos++;
    }

    private void end() {
        if (pos != text.length()) {
            throw malformed();
        }
    }

    private IllegalArgumentException malformed() {
        return new IllegalArgumentException("Malformed date/time text \"" + text + "\" at position " + pos);
    }
}
