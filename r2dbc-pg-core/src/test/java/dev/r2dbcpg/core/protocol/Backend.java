package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Backend message bytes for scripted-server tests, written field by field. */
public final class Backend {

    private Backend() {
    }

    public static ByteBuf message(char type, Consumer<ByteBuf> body) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(type).writeInt(0);
        body.accept(b);
        b.setInt(1, b.writerIndex() - 1);
        return b;
    }

    public static ByteBuf concat(ByteBuf... messages) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf m : messages) {
            all.writeBytes(m);
            m.release();
        }
        return all;
    }

    static void cstring(ByteBuf b, String s) {
        ByteBufUtil.writeUtf8(b, s);
        b.writeByte(0);
    }

    public static ByteBuf authentication(int code, byte... data) {
        return message('R', b -> b.writeInt(code).writeBytes(data));
    }

    public static ByteBuf parameterStatus(String name, String value) {
        return message('S', b -> {
            cstring(b, name);
            cstring(b, value);
        });
    }

    public static ByteBuf backendKeyData(int pid, byte[] key) {
        return message('K', b -> b.writeInt(pid).writeBytes(key));
    }

    public static ByteBuf readyForQuery(char status) {
        return message('Z', b -> b.writeByte(status));
    }

    /** A RowDescription of text-format int4 columns from no table. */
    public static ByteBuf rowDescription(String... names) {
        return message('T', b -> {
            b.writeShort(names.length);
            for (String n : names) {
                cstring(b, n);
                b.writeInt(0).writeShort(0).writeInt(23).writeShort(4).writeInt(-1).writeShort(0);
            }
        });
    }

    /** A DataRow of text values; null means SQL NULL. */
    public static ByteBuf dataRow(String... values) {
        return message('D', b -> {
            b.writeShort(values.length);
            for (String v : values) {
                if (v == null) {
                    b.writeInt(-1);
                } else {
                    byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
                    b.writeInt(bytes.length).writeBytes(bytes);
                }
            }
        });
    }

    public static ByteBuf commandComplete(String tag) {
        return message('C', b -> cstring(b, tag));
    }

    public static ByteBuf error(String sqlState, String text) {
        return fields('E', "ERROR", sqlState, text);
    }

    public static ByteBuf fatal(String sqlState, String text) {
        return fields('E', "FATAL", sqlState, text);
    }

    public static ByteBuf notice(String text) {
        return fields('N', "NOTICE", "00000", text);
    }

    private static ByteBuf fields(char type, String severity, String sqlState, String text) {
        return message(type, b -> {
            b.writeByte('S');
            cstring(b, severity);
            b.writeByte('V');
            cstring(b, severity);
            b.writeByte('C');
            cstring(b, sqlState);
            b.writeByte('M');
            cstring(b, text);
            b.writeByte(0);
        });
    }

    public static ByteBuf notification(int pid, String channel, String payload) {
        return message('A', b -> {
            b.writeInt(pid);
            cstring(b, channel);
            cstring(b, payload);
        });
    }

    public static ByteBuf empty(char type) {
        return message(type, b -> { });
    }

    public static ByteBuf parameterDescription(int... oids) {
        return message('t', b -> {
            b.writeShort(oids.length);
            for (int oid : oids) {
                b.writeInt(oid);
            }
        });
    }

    public static ByteBuf copyResponse(char type, int columns) {
        return message(type, b -> {
            b.writeByte(0).writeShort(columns);
            for (int i = 0; i < columns; i++) {
                b.writeShort(0);
            }
        });
    }

    public static ByteBuf copyData(String text) {
        return message('d', b -> b.writeBytes(text.getBytes(StandardCharsets.UTF_8)));
    }
}
