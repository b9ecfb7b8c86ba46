package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * {@code numeric}. Binary format as in PostgreSQL's {@code numeric_send}: int16 ndigits, int16
 * weight (of the first digit, in base-10000 positions before the point), uint16 sign
 * ({@code 0x0000} positive, {@code 0x4000} negative, {@code 0xC000} NaN, {@code 0xD000}
 * Infinity, {@code 0xF000} -Infinity), uint16 dscale (decimal digits after the point), then
 * ndigits base-10000 digits as int16.
 */
final class NumericCodecs {

    static final NumericCodec NUMERIC = new NumericCodec();

    private NumericCodecs() {
    }

    private static final int NUMERIC_POS = 0x0000;
    private static final int NUMERIC_NEG = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;
    private static final int NUMERIC_MAX_DSCALE = 0x3FFF;
    /** 10^0 to 10^18. */
    private static final long[] LONG_TEN_POWERS = new long[19];
    private static final BigInteger[] BIG_TEN_POWERS = new BigInteger[19];

    static {
        long p = 1;
        for (int i = 0; i < LONG_TEN_POWERS.length; i++) {
            LONG_TEN_POWERS[i] = p;
            BIG_TEN_POWERS[i] = BigInteger.valueOf(p);
            p *= 10;
        }
    }

    /**
     * {@code numeric} as {@link BigDecimal} (the scale is the column's dscale, so {@code 0.000}
     * keeps scale 3); also as {@code Double}, {@code Float}, and losslessly as {@code BigInteger},
     * {@code Long}, {@code Integer}. NaN and ±Infinity decode only as {@code Double},
     * {@code Float} or {@code Number} (a {@code Double}); as {@code BigDecimal} they fail.
     * Encodes {@code BigDecimal} and {@code BigInteger} in binary.
     */
    static final class NumericCodec extends AbstractCodec<BigDecimal> {

        NumericCodec() {
            super(Oids.NUMERIC, "numeric", BigDecimal.class,
                    types(Double.class, Float.class, BigInteger.class, Long.class, Integer.class, Short.class, Byte.class,
                            Number.class),
                    types(BigDecimal.class, BigInteger.class));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
            Class<?> t = CodecSupport.wrap(target);
            if (!canDecode(t)) {
                throw CodecSupport.cannotDecode(typeName(), target);
            }
            if (t == String.class) {
                return (U) decodeText(buf, offset, length, format, java.time.ZoneOffset.UTC);
            }
            Number n = decodeNumber(buf, offset, length, format);
            if (t == Double.class) {
                return (U) (Double) n.doubleValue();
            } else if (t == Float.class) {
                return (U) (Float) n.floatValue();
            } else if (t == Number.class) {
                return (U) n;
            }
            if (!(n instanceof BigDecimal)) {
                throw new IllegalArgumentException("Cannot decode PostgreSQL numeric " + special((Double) n)
                        + " as " + (t == Object.class ? BigDecimal.class : t).getName() + "; decode it as java.lang.Double");
            }
            BigDecimal value = (BigDecimal) n;
            try {
                if (t == BigInteger.class) {
                    return (U) value.toBigIntegerExact();
                } else if (t == Long.class) {
                    return (U) (Long) value.longValueExact();
                } else if (t == Integer.class) {
                    return (U) (Integer) value.intValueExact();
                } else if (t == Short.class) {
                    return (U) (Short) value.shortValueExact();
                } else if (t == Byte.class) {
                    return (U) (Byte) value.byteValueExact();
                }
            } catch (ArithmeticException e) {
                throw CodecSupport.lossy(typeName(), value.toPlainString(), t);
            }
            return (U) value;
        }

        @Override
        BigDecimal decodeValue(ByteBuf buf, int offset, int length, Format format) {
            return decode(buf, offset, length, format, BigDecimal.class);
        }

        @Override
        public String decodeText(ByteBuf buf, int offset, int length, Format format, java.time.ZoneId timeZone) {
            if (format == Format.TEXT) {
                return CodecSupport.ascii(buf, offset, length);
            }
            Number n = decodeNumber(buf, offset, length, format);
            return n instanceof BigDecimal ? ((BigDecimal) n).toPlainString() : special((Double) n);
        }

        private static String special(Double d) {
            return d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        }

        /** Returns a BigDecimal, or a Double for NaN and the infinities. */
        private Number decodeNumber(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.TEXT) {
                String s = CodecSupport.ascii(buf, offset, length);
                switch (s) {
                    case "NaN":
                        return Double.NaN;
                    case "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        try {
                            return new BigDecimal(s);
                        } catch (NumberFormatException e) {
                            throw CodecSupport.malformed(typeName(), format, buf, offset, length);
                        }
                }
            }
            if (length < 8) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
            int ndigits = buf.getUnsignedShort(offset);
            int weight = buf.getShort(offset + 2);
            int sign = buf.getUnsignedShort(offset + 4);
            int dscale = buf.getUnsignedShort(offset + 6);
            CodecSupport.checkLength(typeName(), buf, offset, length, 8 + 2 * ndigits);
            switch (sign) {
                case NUMERIC_NAN:
                    return Double.NaN;
                case NUMERIC_PINF:
                    return Double.POSITIVE_INFINITY;
                case NUMERIC_NINF:
                    return Double.NEGATIVE_INFINITY;
                case NUMERIC_POS:
                case NUMERIC_NEG:
                    break;
                default:
                    throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
            // The value is digits * 10000^(weight - ndigits + 1): scale 4 * (ndigits - 1 - weight). The server strips
            // trailing zero groups, so at most three trailing zeros of the last group lie beyond dscale: they are
            // divided off that group here rather than off the whole number by setScale.
            int scale = 4 * (ndigits - 1 - weight);
            long acc = 0;
            int accDigits = 0;
            BigInteger big = null;
            for (int i = 0; i < ndigits; i++) {
                int d = buf.getShort(offset + 8 + 2 * i);
                if (d < 0 || d > 9999) {
                    throw CodecSupport.malformed(typeName(), format, buf, offset, length);
                }
                int digits = 4;
                if (i == ndigits - 1 && scale > dscale && scale - dscale <= 3) {
                    int excess = scale - dscale;
                    int divisor = (int) LONG_TEN_POWERS[excess];
                    if (d % divisor != 0) {
                        throw CodecSupport.malformed(typeName(), format, buf, offset, length);
                    }
                    d /= divisor;
                    digits -= excess;
                    scale = dscale;
                }
                if (accDigits + digits > 18) {
                    big = big == null ? BigInteger.valueOf(acc)
                            : big.multiply(BIG_TEN_POWERS[accDigits]).add(BigInteger.valueOf(acc));
                    acc = 0;
                    accDigits = 0;
                }
                acc = acc * LONG_TEN_POWERS[digits] + d;
                accDigits += digits;
            }
            boolean negative = sign == NUMERIC_NEG;
            BigDecimal value;
            if (big == null) {
                value = BigDecimal.valueOf(negative ? -acc : acc, scale);
            } else {
                BigInteger unscaled = big.multiply(BIG_TEN_POWERS[accDigits]).add(BigInteger.valueOf(acc));
                value = new BigDecimal(negative ? unscaled.negate() : unscaled, scale);
            }
            if (scale != dscale) {
                try {
                    value = value.setScale(dscale, RoundingMode.UNNECESSARY);
                } catch (ArithmeticException e) {
                    throw CodecSupport.malformed(typeName(), format, buf, offset, length);
                }
            }
            return value;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            BigDecimal bd = value instanceof BigInteger ? new BigDecimal((BigInteger) value) : (BigDecimal) value;
            if (bd.scale() < 0) {
                bd = bd.setScale(0);
            }
            int dscale = bd.scale();
            if (dscale > NUMERIC_MAX_DSCALE) {
                throw new IllegalArgumentException("Cannot encode " + bd + " as PostgreSQL numeric: scale "
                        + dscale + " exceeds " + NUMERIC_MAX_DSCALE);
            }
            if (bd.signum() == 0) {
                out.writeShort(0).writeShort(0).writeShort(NUMERIC_POS).writeShort(dscale);
                return;
            }
            // pad the decimal digits so that the point falls on a base-10000 digit boundary
            String digits = bd.unscaledValue().abs().toString();
            int padRight = (4 - dscale % 4) % 4;
            int fractionGroups = (dscale + padRight) / 4;
            int padLeft = (4 - (digits.length() + padRight) % 4) % 4;
            int groups = (padLeft + digits.length() + padRight) / 4;
            int weight = groups - fractionGroups - 1;
            int first = 0;
            while (group(digits, padLeft, first) == 0) {
                first++;
                weight--;
            }
            int last = groups - 1;
            while (group(digits, padLeft, last) == 0) {
                last--;
            }
            if (weight > Short.MAX_VALUE || weight < Short.MIN_VALUE) {
                throw new IllegalArgumentException("Cannot encode " + bd + " as PostgreSQL numeric: out of range");
            }
            out.writeShort(last - first + 1).writeShort(weight)
                    .writeShort(bd.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS).writeShort(dscale);
            for (int g = first; g <= last; g++) {
                out.writeShort(group(digits, padLeft, g));
            }
        }

        /** Base-10000 digit {@code g} of {@code digits} left-padded by {@code padLeft} zeros (and right-padded). */
        private static int group(String digits, int padLeft, int g) {
            int d = 0;
            for (int i = 4 * g - padLeft, end = i + 4; i < end; i++) {
                d = d * 10 + (i >= 0 && i < digits.length() ? digits.charAt(i) - '0' : 0);
            }
            return d;
        }
    }
}
