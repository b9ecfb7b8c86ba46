package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Helpers shared by the built-in codecs: error messages and allocation-free text parsing. */
final class CodecSupport {

    private CodecSupport() {
    }

    static Class<?> wrap(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        } else if (type == long.class) {
            return Long.class;
        } else if (type == boolean.class) {
            return Boolean.class;
        } else if (type == short.class) {
            return Short.class;
        } else if (type == double.class) {
            return Double.class;
        } else if (type == float.class) {
            return Float.class;
        } else if (type == byte.class) {
            return Byte.class;
        } else if (type == char.class) {
            return Character.class;
        }
        return Void.class;
    }

    static IllegalArgumentException cannotDecode(String typeName, Class<?> target) {
        return new IllegalArgumentException(
                "Cannot decode PostgreSQL type " + typeName + " as " + target.getName());
    }

    static IllegalArgumentException lossy(String typeName, Object value, Class<?> target) {
        return new IllegalArgumentException("Cannot decode PostgreSQL " + typeName + " value " + value
                + " as " + target.getName() + " without losing information");
    }

    static IllegalArgumentException malformed(String typeName, Format format, ByteBuf buf, int offset, int length) {
        return malformed(typeName, format.name().toLowerCase(java.util.Locale.ROOT), buf, offset, length);
    }

    static IllegalArgumentException malformed(String typeName, String format, ByteBuf buf, int offset, int length) {
        String shown = format.equals("text")
                ? '"' + buf.toString(offset, Math.min(length, 64), StandardCharsets.UTF_8) + '"'
                : length + " bytes";
        return new IllegalArgumentException("Malformed PostgreSQL " + typeName + " value in " + format + " format: " + shown);
    }

    static void checkLength(String typeName, ByteBuf buf, int offset, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException("Malformed PostgreSQL " + typeName
                    + " value in binary format: " + length + " bytes, expected " + expected);
        }
    }

    /** Parses an optionally signed ASCII decimal integer without allocating. */
    static long parseLong(String typeName, ByteBuf buf, int offset, int length) {
        int i = offset;
        int end = offset + length;
        boolean negative = false;
        if (i < end && (buf.getByte(i) == '-' || buf.getByte(i) == '+')) {
            negative = buf.getByte(i) == '-';
            i++;
        }
        if (i == end) {
            throw malformed(typeName, "text", buf, offset, length);
        }
        long result = 0;
        // accumulate negatively so that Long.MIN_VALUE parses without overflow
        for (; i < end; i++) {
            int d = buf.getByte(i) - '0';
            if (d < 0 || d > 9 || result < (Long.MIN_VALUE + d) / 10) {
                throw malformed(typeName, "text", buf, offset, length);
            }
            result = result * 10 - d;
        }
        if (!negative && result == Long.MIN_VALUE) {
            throw malformed(typeName, "text", buf, offset, length);
        }
        return negative ? result : -result;
    }

    static String ascii(ByteBuf buf, int offset, int length) {
        return buf.toString(offset, length, StandardCharsets.US_ASCII);
    }
}
