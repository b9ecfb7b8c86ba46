package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The OID alias types ({@code regclass}, {@code regtype}, {@code regproc}, {@code regnamespace})
 * and the transaction and command identifiers ({@code xid}, {@code xid8}, {@code cid}), all
 * decoded as {@code Long}. None is chosen by Java class: a {@code Long} binds as {@code int8},
 * and a {@code String} binds untyped, which the server reads as a name for a reg* parameter.
 */
final class ObjectIdCodecs {

    static final Uint32Codec REGCLASS = new Uint32Codec(Oids.REGCLASS, "regclass", true);
    static final Uint32Codec REGTYPE = new Uint32Codec(Oids.REGTYPE, "regtype", true);
    static final Uint32Codec REGPROC = new Uint32Codec(Oids.REGPROC, "regproc", true);
    static final Uint32Codec REGNAMESPACE = new Uint32Codec(Oids.REGNAMESPACE, "regnamespace", true);
    static final Uint32Codec XID = new Uint32Codec(Oids.XID, "xid", false);
    static final Uint32Codec CID = new Uint32Codec(Oids.CID, "cid", false);
    static final Xid8Codec XID8 = new Xid8Codec();

    private ObjectIdCodecs() {
    }

    /**
     * An unsigned 32-bit identifier: 4 bytes in binary, decimal digits in text, as {@code Long}.
     *
     * <p>For an OID alias ({@code alias} true) the text form is the object's name (as visible on
     * the search path), readable as {@code String}; binary format carries only the OID, so a
     * {@code String} is available only from text results (simple queries) or with a {@code ::text}
     * cast. A text value that is a number ({@code 12345}) or {@code -} (OID 0) also reads as Long.
     */
    static final class Uint32Codec extends AbstractCodec<Long> {

        private final boolean alias;

        Uint32Codec(int oid, String typeName, boolean alias) {
            super(oid, typeName, Long.class,
                    alias ? types(BigDecimal.class, BigInteger.class, String.class) : types(BigDecimal.class, BigInteger.class),
                    types());
            this.alias = alias;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
            if (!alias || target != String.class) {
                return super.decode(buf, offset, length, format, target);
            }
            if (format == Format.BINARY) {
                throw new IllegalArgumentException("Cannot decode PostgreSQL " + typeName()
                        + " in binary format as java.lang.String: binary carries only the OID;"
                        + " decode it as Long, or select the column ::text for the name");
            }
            return (U) buf.toString(offset, length, StandardCharsets.UTF_8);
        }

        @Override
        Long decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 4);
                return buf.getUnsignedInt(offset);
            }
            if (alias && length == 1 && buf.getByte(offset) == '-') {
                return 0L;
            }
            if (alias && length > 0 && !Character.isDigit(buf.getByte(offset))) {
                throw new IllegalArgumentException("Cannot decode PostgreSQL " + typeName() + " value \""
                        + buf.toString(offset, length, StandardCharsets.UTF_8) + "\" in text format as a number:"
                        + " it is a name; decode it as String, or select the column ::oid for the number");
            }
            long v = CodecSupport.parseLong(typeName(), buf, offset, length);
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
            return v;
        }

        @Override
        Object convert(Long value, Class<?> target) {
            return IntegerCodecs.convert(value, target, typeName());
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof Long && ((Long) value >>> 32) == 0;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeInt((int) (long) (Long) value);
        }
    }

    /**
     * {@code xid8}: an unsigned 64-bit transaction id (epoch and xid). Decodes as {@code Long}
     * (real values stay far below 2^63; larger ones are rejected as Long) and as {@code BigInteger}
     * or {@code BigDecimal} for the full range.
     */
    static final class Xid8Codec extends AbstractCodec<Long> {

        Xid8Codec() {
            super(Oids.XID8, "xid8", Long.class, types(BigDecimal.class, BigInteger.class), types());
        }

        @Override
        @SuppressWarnings("unchecked")
        public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
            Class<?> t = CodecSupport.wrap(target);
            if (t != BigInteger.class && t != BigDecimal.class) {
                return super.decode(buf, offset, length, format, target);
            }
            BigInteger v = new BigInteger(Long.toUnsignedString(raw(buf, offset, length, format)));
            return (U) (t == BigInteger.class ? v : new BigDecimal(v));
        }

        @Override
        Long decodeValue(ByteBuf buf, int offset, int length, Format format) {
            long v = raw(buf, offset, length, format);
            if (v < 0) {
                throw CodecSupport.lossy(typeName(), Long.toUnsignedString(v), Long.class);
            }
            return v;
        }

        private long raw(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 8);
                return buf.getLong(offset);
            }
            try {
                return Long.parseUnsignedLong(CodecSupport.ascii(buf, offset, length));
            } catch (NumberFormatException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof Long && (Long) value >= 0;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeLong((Long) value);
        }
    }
}
