package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.r2dbc.spi.Clob;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;

/**
 * The character types: UTF-8 text in both formats (the client encoding is UTF-8),
 * except {@code jsonb} whose binary form starts with a version byte (1).
 */
final class TextCodecs {

    /** {@code text}: also encodes every {@code String} and {@code Character}, untyped. */
    static final TextCodec TEXT = new TextCodec(Oids.TEXT, "text", true);
    static final TextCodec VARCHAR = new TextCodec(Oids.VARCHAR, "varchar", true);
    static final TextCodec BPCHAR = new TextCodec(Oids.BPCHAR, "bpchar", true);
    static final TextCodec NAME = new TextCodec(Oids.NAME, "name", false);
    static final TextCodec CHAR = new TextCodec(Oids.CHAR, "char", false);
    static final TextCodec UNKNOWN = new TextCodec(Oids.UNKNOWN, "unknown", false);


    private TextCodecs() {
    }

    /**
     * A type whose text and binary forms are both the UTF-8 text, decoded as {@code String} (and
     * as {@link Clob} for text, varchar and bpchar). Strings are sent in text format with OID 0
     * so that the server infers the parameter type from the statement, as pgjdbc's
     * {@code stringtype=unspecified} does: a string binds to json, date or an enum column alike.
     */
    static final class TextCodec extends AbstractCodec<String> {

        TextCodec(int oid, String typeName, boolean clob) {
            super(oid, typeName, String.class,
                    clob ? types(Clob.class, Long.class, Integer.class, Short.class, Byte.class, BigInteger.class,
                            BigDecimal.class, Double.class, Float.class, Boolean.class) : types(),
                    oid == Oids.TEXT ? types(String.class, Character.class) : types());
        }

        @Override
        String decodeValue(ByteBuf buf, int offset, int length, Format format) {
            return buf.toString(offset, length, StandardCharsets.UTF_8);
        }

        @Override
        Object convert(String value, Class<?> target) {
            if (target == Clob.class) {
                return Clob.from(Mono.just(value));
            }
            return parse(value.strip(), target);
        }

        /**
         * The text as a number or boolean, as pgjdbc's {@code getObject(i, Class)} reads a text column: decimal
         * digits (an integral value for the integer classes, in range), or the spellings {@code bool} accepts.
         */
        private Object parse(String text, Class<?> target) {
            try {
                if (target == Boolean.class) {
                    switch (text.toLowerCase(java.util.Locale.ROOT)) {
                        case "t", "true", "y", "yes", "on", "1":
                            return true;
                        case "f", "false", "n", "no", "off", "0":
                            return false;
                        default:
                            throw new NumberFormatException();
                    }
                } else if (target == Double.class) {
                    return Double.parseDouble(text);
                } else if (target == Float.class) {
                    return Float.parseFloat(text);
                }
                BigDecimal number = new BigDecimal(text);
                if (target == BigDecimal.class) {
                    return number;
                } else if (target == BigInteger.class) {
                    return number.toBigIntegerExact();
                } else if (target == Long.class) {
                    return number.longValueExact();
                } else if (target == Integer.class) {
                    return number.intValueExact();
                } else if (target == Short.class) {
                    return number.shortValueExact();
                }
                return number.byteValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw CodecSupport.lossy(typeName(), '"' + (text.length() > 64 ? text.substring(0, 64) + "..." : text)
                        + '"', target);
            }
        }

        @Override
        public int paramOid(Object value) {
            return Oids.UNSPECIFIED;
        }

        @Override
        public int paramOidForNull(Class<?> type) {
            return Oids.UNSPECIFIED;
        }

        @Override
        public Format encodeFormat(Object value) {
            return Format.TEXT;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            if (value instanceof Character) {
                ByteBufUtil.writeUtf8(out, String.valueOf((char) (Character) value));
            } else {
                ByteBufUtil.writeUtf8(out, (CharSequence) value);
            }
        }
    }
}
