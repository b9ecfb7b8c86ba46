package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Backend message type bytes and parsers for the messages that carry more than a couple of
 * fields. Every parser reads the message body from the buffer's reader index to its writer index
 * (the caller windows the buffer on one message), moves the reader index past what it read and
 * never releases the buffer.
 */
public final class BackendMessages {

    public static final byte AUTHENTICATION = 'R';
    public static final byte BACKEND_KEY_DATA = 'K';
    public static final byte BIND_COMPLETE = '2';
    public static final byte CLOSE_COMPLETE = '3';
    public static final byte COMMAND_COMPLETE = 'C';
    public static final byte COPY_DATA = 'd';
    public static final byte COPY_DONE = 'c';
    public static final byte COPY_IN_RESPONSE = 'G';
    public static final byte COPY_OUT_RESPONSE = 'H';
    public static final byte COPY_BOTH_RESPONSE = 'W';
    public static final byte DATA_ROW = 'D';
    public static final byte EMPTY_QUERY_RESPONSE = 'I';
    public static final byte ERROR_RESPONSE = 'E';
    public static final byte FUNCTION_CALL_RESPONSE = 'V';
    public static final byte NEGOTIATE_PROTOCOL_VERSION = 'v';
    public static final byte NO_DATA = 'n';
    public static final byte NOTICE_RESPONSE = 'N';
    public static final byte NOTIFICATION_RESPONSE = 'A';
    public static final byte PARAMETER_DESCRIPTION = 't';
    public static final byte PARAMETER_STATUS = 'S';
    public static final byte PARSE_COMPLETE = '1';
    public static final byte PORTAL_SUSPENDED = 's';
    public static final byte READY_FOR_QUERY = 'Z';
    public static final byte ROW_DESCRIPTION = 'T';

    /** ErrorResponse/NoticeResponse field codes. */
    public static final char FIELD_SEVERITY = 'S';
    public static final char FIELD_SEVERITY_NONLOCALIZED = 'V';
    public static final char FIELD_CODE = 'C';
    public static final char FIELD_MESSAGE = 'M';

    private BackendMessages() {
    }

    /** The protocol name of a backend message type, for error messages. */
    public static String name(byte type) {
        return switch (type) {
            case AUTHENTICATION -> "Authentication";
            case BACKEND_KEY_DATA -> "BackendKeyData";
            case BIND_COMPLETE -> "BindComplete";
            case CLOSE_COMPLETE -> "CloseComplete";
            case COMMAND_COMPLETE -> "CommandComplete";
            case COPY_DATA -> "CopyData";
            case COPY_DONE -> "CopyDone";
            case COPY_IN_RESPONSE -> "CopyInResponse";
            case COPY_OUT_RESPONSE -> "CopyOutResponse";
            case COPY_BOTH_RESPONSE -> "CopyBothResponse";
            case DATA_ROW -> "DataRow";
            case EMPTY_QUERY_RESPONSE -> "EmptyQueryResponse";
            case ERROR_RESPONSE -> "ErrorResponse";
            case FUNCTION_CALL_RESPONSE -> "FunctionCallResponse";
            case NEGOTIATE_PROTOCOL_VERSION -> "NegotiateProtocolVersion";
            case NO_DATA -> "NoData";
            case NOTICE_RESPONSE -> "NoticeResponse";
            case NOTIFICATION_RESPONSE -> "NotificationResponse";
            case PARAMETER_DESCRIPTION -> "ParameterDescription";
            case PARAMETER_STATUS -> "ParameterStatus";
            case PARSE_COMPLETE -> "ParseComplete";
            case PORTAL_SUSPENDED -> "PortalSuspended";
            case READY_FOR_QUERY -> "ReadyForQuery";
            case ROW_DESCRIPTION -> "RowDescription";
            default -> String.format("unknown message type 0x%02x", type & 0xff);
        };
    }

    /**
     * Whether a message of this type can legitimately be longer than {@code limit} bytes. Only
     * rows, COPY data, errors/notices, notifications and authentication payloads can; a large
     * length on any other type means the stream is out of sync.
     */
    public static boolean mayBeLong(byte type) {
        return switch (type) {
            case DATA_ROW, COPY_DATA, ROW_DESCRIPTION, ERROR_RESPONSE, NOTICE_RESPONSE, NOTIFICATION_RESPONSE,
                    AUTHENTICATION, FUNCTION_CALL_RESPONSE, PARAMETER_DESCRIPTION, PARAMETER_STATUS,
                    COMMAND_COMPLETE, NEGOTIATE_PROTOCOL_VERSION, BACKEND_KEY_DATA -> true;
            default -> false;
        };
    }

    /** Reads a zero-terminated UTF-8 string and moves past the terminator. */
    public static String readCString(ByteBuf body) {
        int end = body.forEachByte(ByteProcessor.FIND_NUL);
        if (end < 0) {
            throw new R2dbcNonTransientResourceException("Missing string terminator in backend message");
        }
        String s = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
        body.readerIndex(end + 1);
        return s;
    }

    /** RowDescription ('T') body into an immutable {@link RowDescription}. */
    public static RowDescription parseRowDescription(ByteBuf body) {
        int n = body.readUnsignedShort();
        RowDescription.Column[] columns = new RowDescription.Column[n];
        for (int i = 0; i < n; i++) {
            String name = readCString(body);
            columns[i] = new RowDescription.Column(name, body.readInt(), body.readShort(), body.readInt(),
                    body.readShort(), body.readInt(), body.readShort());
        }
        return new RowDescription(columns);
    }

    /**
     * ErrorResponse/NoticeResponse ('E'/'N') body into its fields, keyed by field code ('S', 'C',
     * 'M', 'D', ...), in arrival order.
     */
    public static Map<Character, String> parseFields(ByteBuf body) {
        Map<Character, String> fields = new LinkedHashMap<>();
        while (body.isReadable()) {
            byte code = body.readByte();
            if (code == 0) {
                break;
            }
            fields.put((char) code, readCString(body));
        }
        return fields;
    }

    /** ParameterDescription ('t') body into the parameter type OIDs. */
    public static int[] parseParameterDescription(ByteBuf body) {
        int[] oids = new int[body.readUnsignedShort()];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = body.readInt();
        }
        return oids;
    }

    /** NotificationResponse ('A') body. */
    public static Notification parseNotification(ByteBuf body) {
        int pid = body.readInt();
        String channel = readCString(body);
        return new Notification(pid, channel, readCString(body));
    }

    /** BackendKeyData ('K') body: process id and the rest of the message as secret key (4 to 256 bytes). */
    public static BackendKeyData parseBackendKeyData(ByteBuf body) {
        int pid = body.readInt();
        int keyLength = body.readableBytes();
        if (keyLength < 4 || keyLength > 256) {
            throw new R2dbcNonTransientResourceException("BackendKeyData secret key of " + keyLength
                    + " bytes; expected 4 to 256");
        }
        byte[] key = new byte[keyLength];
        body.readBytes(key);
        return new BackendKeyData(pid, key);
    }

    /**
     * The number of rows a CommandComplete tag reports: the last number of {@code INSERT oid rows},
     * {@code UPDATE n}, {@code DELETE n}, {@code SELECT n}, {@code MERGE n}, {@code COPY n},
     * {@code MOVE n}, {@code FETCH n}; -1 for tags that carry no count ({@code CREATE TABLE}, ...).
     */
    public static long rowsAffected(String tag) {
        int space = tag.indexOf(' ');
        if (space < 0) {
            return -1;
        }
        String command = tag.substring(0, space);
        switch (command) {
            case "INSERT", "UPDATE", "DELETE", "SELECT", "MERGE", "COPY", "MOVE", "FETCH":
                break;
            default:
                return -1;
        }
        int last = tag.lastIndexOf(' ');
        try {
            return Long.parseLong(tag, last + 1, tag.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
