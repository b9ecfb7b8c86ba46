package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code money}: a 64-bit count of the currency's smallest unit. The number of fraction digits
 * comes from the server's {@code lc_monetary}, which the protocol does not report; this codec
 * assumes 2 (dollars and cents, euros and cents ...), so under a locale with another number of
 * fraction digits the decimal point lands in the wrong place. Prefer {@code numeric} for new schemas.
 *
 * <p>Text output depends on {@code lc_monetary} ({@code $1,234.56}, {@code -$0.01},
 * {@code 1.234,56 €}, {@code ($1.00)}): the value is read from its digits alone, negative when the
 * text has a minus sign or parentheses, with the same two fraction digits.
 */
final class MoneyCodecs {

    static final MoneyCodec MONEY = new MoneyCodec();

    private static final int SCALE = 2;

    private MoneyCodecs() {
    }

    /** Decodes as {@code BigDecimal} of scale 2; encodes a {@code BigDecimal} when asked directly (never by class). */
    static final class MoneyCodec extends AbstractCodec<BigDecimal> {

        MoneyCodec() {
            super(Oids.MONEY, "money", BigDecimal.class, types(), types());
        }

        @Override
        BigDecimal decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 8);
                return BigDecimal.valueOf(buf.getLong(offset), SCALE);
            }
            long units = 0;
            int digits = 0;
            boolean negative = false;
            for (int i = offset; i < offset + length; i++) {
                byte b = buf.getByte(i);
                if (b >= '0' && b <= '9') {
                    // accumulate negatively so that the minimum value parses without overflow
                    if (units < (Long.MIN_VALUE + (b - '0')) / 10) {
                        throw CodecSupport.malformed(typeName(), format, buf, offset, length);
                    }
                    units = units * 10 - (b - '0');
                    digits++;
                } else if (b == '-' || b == '(') {
                    negative = true;
                }
            }
            if (digits == 0 || (!negative && units == Long.MIN_VALUE)) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
            return BigDecimal.valueOf(negative ? units : -units, SCALE);
        }

        /** {@code cash_out} under the C locale: {@code $1,234.56}, {@code -$1,234.56}. */
        @Override
        String text(BigDecimal value, java.time.ZoneId timeZone) {
            java.text.DecimalFormat f = new java.text.DecimalFormat("$#,##0.00;-$#,##0.00",
                    java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
            return f.format(value);
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof BigDecimal;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            try {
                out.writeLong(((BigDecimal) value).setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("Value " + value + " is out of range for PostgreSQL money"
                        + " (at most 2 fraction digits, -92233720368547758.08 to 92233720368547758.07)", e);
            }
        }
    }
}
