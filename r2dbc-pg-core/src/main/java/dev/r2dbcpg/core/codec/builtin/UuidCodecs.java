package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import java.util.UUID;

/** {@code uuid}: 16 bytes big-endian in binary, the canonical 36-character form in text. */
final class UuidCodecs {

    static final UuidCodec UUID_CODEC = new UuidCodec();

    private UuidCodecs() {
    }

    static final class UuidCodec extends AbstractCodec<UUID> {

        UuidCodec() {
            super(Oids.UUID, "uuid", UUID.class, types(), types(UUID.class));
        }

        @Override
        UUID decodeValue(ByteBuf buf, int offset, int length, Format format) {
            if (format == Format.BINARY) {
                CodecSupport.checkLength(typeName(), buf, offset, length, 16);
                return new UUID(buf.getLong(offset), buf.getLong(offset + 8));
            }
            try {
                return UUID.fromString(CodecSupport.ascii(buf, offset, length));
            } catch (IllegalArgumentException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            UUID uuid = (UUID) value;
            out.writeLong(uuid.getMostSignificantBits()).writeLong(uuid.getLeastSignificantBits());
        }
    }
}
