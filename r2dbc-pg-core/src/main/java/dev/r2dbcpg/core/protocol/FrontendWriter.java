package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes PostgreSQL frontend messages into a caller-supplied buffer: type byte, length placeholder,
 * body, back-patched length. Method names follow the message names of the protocol documentation.
 * No method takes ownership of {@code out}; buffers passed as message content are read, not
 * released.
 */
public final class FrontendWriter {

    /** Protocol version 3.0 as sent in StartupMessage. */
    public static final int PROTOCOL_3_0 = 196608;
    /** Protocol version 3.2 (PostgreSQL 18) as sent in StartupMessage. */
    public static final int PROTOCOL_3_2 = 196610;
    /** The magic "version" of SSLRequest. */
    public static final int SSL_REQUEST_CODE = 80877103;
    /** The magic "version" of CancelRequest. */
    public static final int CANCEL_REQUEST_CODE = 80877102;

    /** Describe/Close target: a prepared statement. */
    public static final byte STATEMENT = 'S';
    /** Describe/Close target: a portal. */
    public static final byte PORTAL = 'P';

    private static final byte[] EMPTY = new byte[0];

    private FrontendWriter() {
    }

    /**
     * StartupMessage. {@code user} is mandatory; {@code client_encoding=UTF8}, {@code DateStyle=ISO}
     * and {@code extra_float_digits=3} are always sent so that text values parse the same way on
     * every server; entries of {@code options} are written after them and may override none of the
     * fixed ones (a duplicate key is written twice and the server keeps the last).
     */
    public static void writeStartupMessage(ByteBuf out, int protocolVersion, String user,
            @Nullable String database,
            @Nullable String applicationName, Map<String, String> options) {
        int start = out.writerIndex();
        out.writeInt(0).writeInt(protocolVersion);
        writeParameter(out, "user", user);
        if (database != null) {
            writeParameter(out, "database", database);
        }
        if (applicationName != null) {
            writeParameter(out, "application_name", applicationName);
        }
        writeParameter(out, "client_encoding", "UTF8");
        writeParameter(out, "DateStyle", "ISO");
        writeParameter(out, "extra_float_digits", "3");
        for (Map.Entry<String, String> e : options.entrySet()) {
            writeParameter(out, e.getKey(), e.getValue());
        }
        out.writeByte(0);
        out.setInt(start, out.writerIndex() - start);
    }

    private static void writeParameter(ByteBuf out, String key, String value) {
        writeCString(out, key);
        writeCString(out, value);
    }

    /** SSLRequest: asks the server whether it will speak TLS on this connection. */
    public static void writeSSLRequest(ByteBuf out) {
        out.writeInt(8).writeInt(SSL_REQUEST_CODE);
    }

    /**
     * CancelRequest, sent on a fresh connection. The secret key is 4 bytes under protocol 3.0 and
     * up to 256 bytes under 3.2; it is written as received in BackendKeyData.
     */
    public static void writeCancelRequest(ByteBuf out, int processId, byte[] secretKey) {
        out.writeInt(12 + secretKey.length).writeInt(CANCEL_REQUEST_CODE).writeInt(processId).writeBytes(secretKey);
    }

    /** PasswordMessage ('p'): cleartext or "md5..." password; a terminating zero is appended. */
    public static void writePasswordMessage(ByteBuf out, byte[] password) {
        int start = begin(out, 'p');
        out.writeBytes(password).writeByte(0);
        end(out, start);
    }

    /** SASLInitialResponse ('p'): mechanism name and the client-first message (-1 length when null). */
    public static void writeSASLInitialResponse(ByteBuf out, String mechanism,
            byte @Nullable [] initialResponse) {
        int start = begin(out, 'p');
        writeCString(out, mechanism);
        if (initialResponse == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(initialResponse.length).writeBytes(initialResponse);
        }
        end(out, start);
    }

    /** SASLResponse ('p'): mechanism-specific data, no length prefix inside the body. */
    public static void writeSASLResponse(ByteBuf out, byte[] data) {
        int start = begin(out, 'p');
        out.writeBytes(data);
        end(out, start);
    }

    /** Query ('Q'): simple-protocol query string, possibly several statements. */
    public static void writeQuery(ByteBuf out, CharSequence sql) {
        int start = begin(out, 'Q');
        writeCString(out, sql);
        end(out, start);
    }

    /**
     * Parse ('P'). {@code statementName} is the pre-encoded name without terminator (empty = the
     * unnamed statement); a zero in {@code parameterTypes} leaves the type to the server.
     */
    public static void writeParse(ByteBuf out, byte[] statementName, CharSequence sql, int[] parameterTypes) {
        int start = begin(out, 'P');
        out.writeBytes(statementName).writeByte(0);
        writeCString(out, sql);
        out.writeShort(parameterTypes.length);
        for (int oid : parameterTypes) {
            out.writeInt(oid);
        }
        end(out, start);
    }

    /**
     * Bind ('B').
     *
     * @param parameterFormats format codes (0 text, 1 binary): none = all text, one = applies to all,
     *     else one per parameter
     * @param parameterValues pre-encoded parameter section exactly as Bind lays it out: Int16 number
     *     of values, then per value Int32 length (-1 for NULL) and the bytes. Read from its reader
     *     index without moving it; not released.
     * @param resultFormats result-column format codes, same convention as {@code parameterFormats}
     */
    public static void writeBind(ByteBuf out, byte[] portalName, byte[] statementName, short[] parameterFormats,
            ByteBuf parameterValues, short[] resultFormats) {
        int start = begin(out, 'B');
        out.writeBytes(portalName).writeByte(0);
        out.writeBytes(statementName).writeByte(0);
        writeShorts(out, parameterFormats);
        out.writeBytes(parameterValues, parameterValues.readerIndex(), parameterValues.readableBytes());
        writeShorts(out, resultFormats);
        end(out, start);
    }

    /** Describe ('D') of a statement ({@link #STATEMENT}) or portal ({@link #PORTAL}). */
    public static void writeDescribe(ByteBuf out, byte target, byte[] name) {
        int start = begin(out, 'D');
        out.writeByte(target).writeBytes(name).writeByte(0);
        end(out, start);
    }

    /** Execute ('E'); {@code maxRows} 0 means no limit, otherwise the portal suspends after that many. */
    public static void writeExecute(ByteBuf out, byte[] portalName, int maxRows) {
        int start = begin(out, 'E');
        out.writeBytes(portalName).writeByte(0).writeInt(maxRows);
        end(out, start);
    }

    /** Sync ('S'): ends the extended-query cycle; the server answers with ReadyForQuery. */
    public static void writeSync(ByteBuf out) {
        out.writeByte('S').writeInt(4);
    }

    /** Flush ('H'): asks the server to send what it has buffered without ending the cycle. */
    public static void writeFlush(ByteBuf out) {
        out.writeByte('H').writeInt(4);
    }

    /** Close ('C') of a statement ({@link #STATEMENT}) or portal ({@link #PORTAL}). */
    public static void writeClose(ByteBuf out, byte target, byte[] name) {
        int start = begin(out, 'C');
        out.writeByte(target).writeBytes(name).writeByte(0);
        end(out, start);
    }

    /** Terminate ('X'). */
    public static void writeTerminate(ByteBuf out) {
        out.writeByte('X').writeInt(4);
    }

    /** CopyData ('d'); {@code data} is read from its reader index without moving it and not released. */
    public static void writeCopyData(ByteBuf out, ByteBuf data) {
        out.writeByte('d').writeInt(4 + data.readableBytes());
        out.writeBytes(data, data.readerIndex(), data.readableBytes());
    }

    /** CopyDone ('c'). */
    public static void writeCopyDone(ByteBuf out) {
        out.writeByte('c').writeInt(4);
    }

    /** CopyFail ('f') with the message the server puts into its ErrorResponse. */
    public static void writeCopyFail(ByteBuf out, String message) {
        int start = begin(out, 'f');
        writeCString(out, message);
        end(out, start);
    }

    /** The unnamed statement or portal. */
    public static byte[] unnamed() {
        return EMPTY;
    }

    private static int begin(ByteBuf out, char type) {
        out.writeByte(type);
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        return lengthIndex;
    }

    private static void end(ByteBuf out, int lengthIndex) {
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex);
    }

    private static void writeCString(ByteBuf out, CharSequence s) {
        ByteBufUtil.writeUtf8(out, s);
        out.writeByte(0);
    }

    private static void writeShorts(ByteBuf out, short[] values) {
        out.writeShort(values.length);
        for (short v : values) {
            out.writeShort(v);
        }
    }
}
