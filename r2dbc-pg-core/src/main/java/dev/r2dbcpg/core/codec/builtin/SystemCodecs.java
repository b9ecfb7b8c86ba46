package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.types.Lsn;
import dev.r2dbcpg.core.types.Tid;
import io.netty.buffer.ByteBuf;

/**
 * Server-internal positions and snapshots: {@code pg_lsn} (int8 in binary) as {@link Lsn} or
 * {@code Long}; {@code tid} (uint4 block, uint2 offset) as {@link Tid}; {@code pg_snapshot} and
 * {@code txid_snapshot} (int4 count, int8 xmin, int8 xmax, int8 in-progress ids) as their text
 * form {@code xmin:xmax:xip,...} ({@code String}). All decode as {@code String} too.
 */
final class SystemCodecs {

    static final LsnCodec PG_LSN = new LsnCodec();
    static final TidCodec TID = new TidCodec();
    static final SnapshotCodec PG_SNAPSHOT = new SnapshotCodec(Oids.PG_SNAPSHOT, "pg_snapshot");
    static final SnapshotCodec TXID_SNAPSHOT = new SnapshotCodec(Oids.TXID_SNAPSHOT, "txid_snapshot");

    private SystemCodecs() {
    }

    static final class LsnCodec extends AbstractCodec<Lsn> {

        LsnCodec() {
            super(Oids.PG_LSN, "pg_lsn", Lsn.class, types(Long.class), types(Lsn.class));
        }

        @Override
        Lsn decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 8);
                return Lsn.of(buf.getLong(offset));
            }
            try {
                return Lsn.parse(CodecSupport.ascii(buf, offset, length));
            } catch (IllegalArgumentException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        @Override
        Object convert(Lsn value, Class<?> target) {
            return target == Long.class ? (Object) value.asLong() : super.convert(value, target);
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeLong(((Lsn) value).asLong());
        }
    }

    static final class TidCodec extends AbstractCodec<Tid> {

        TidCodec() {
            super(Oids.TID, "tid", Tid.class, types(), types(Tid.class));
        }

        @Override
        Tid decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 6);
                return new Tid(buf.getUnsignedInt(offset), buf.getUnsignedShort(offset + 4));
            }
            String text = CodecSupport.ascii(buf, offset, length);
            int comma = text.indexOf(',');
            try {
                if (!text.startsWith("(") || !text.endsWith(")") || comma < 0) {
                    throw new NumberFormatException(text);
                }
                return new Tid(Long.parseLong(text.substring(1, comma)), Integer.parseInt(text.substring(comma + 1, text.length() - 1)));
            } catch (IllegalArgumentException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            Tid tid = (Tid) value;
            out.writeInt((int) tid.block()).writeShort(tid.offset());
        }
    }

    /** A snapshot as {@code String}; encodes a {@code String} in that form when asked directly (binary). */
    static final class SnapshotCodec extends AbstractCodec<String> {

        SnapshotCodec(int oid, String typeName) {
            super(oid, typeName, String.class, types(), types());
        }

        @Override
        String decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.TEXT) {
                return CodecSupport.ascii(buf, offset, length);
            }
            int count = length >= 20 ? buf.getInt(offset) : -1;
            if (count < 0 || length != 20 + 8L * count) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
            StringBuilder sb = new StringBuilder()
                    .append(Long.toUnsignedString(buf.getLong(offset + 4))).append(':')
                    .append(Long.toUnsignedString(buf.getLong(offset + 12))).append(':');
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(Long.toUnsignedString(buf.getLong(offset + 20 + 8 * i)));
            }
            return sb.toString();
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof String;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            String text = (String) value;
            String[] parts = text.split(":", -1);
            long[] ids;
            try {
                if (parts.length != 3) {
                    throw new NumberFormatException(text);
                }
                String[] xip = parts[2].isEmpty() ? new String[0] : parts[2].split(",");
                ids = new long[2 + xip.length];
                ids[0] = Long.parseUnsignedLong(parts[0]);
                ids[1] = Long.parseUnsignedLong(parts[1]);
                for (int i = 0; i < xip.length; i++) {
                    ids[2 + i] = Long.parseUnsignedLong(xip[i]);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Malformed PostgreSQL " + typeName() + " \"" + text
                        + "\", expected xmin:xmax:xip,...", e);
            }
            // parsed in full first, so that a malformed value writes nothing
            out.writeInt(ids.length - 2);
            for (long id : ids) {
                out.writeLong(id);
            }
        }
    }
}
