package dev.r2dbcpg.core.error;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The fields of one {@code ErrorResponse} or {@code NoticeResponse}, as described in the PostgreSQL
 * protocol documentation ("Error and Notice Message Fields").
 *
 * <p>Immutable. Every accessor returns the field's text exactly as the server sent it, or {@code null}
 * when the server did not send that field. Field types this class has no accessor for are kept
 * and reachable through {@link #fields()}, as the protocol allows servers to add new ones.
 */
public final class PgErrorDetails implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Field types with an accessor, in protocol documentation order, and their names for {@link #toString()}. */
    private static final String TYPES = "SVCMDHPpqWstcdnFLR";

    private static final String[] NAMES = {
        "severity", "severityNonLocalized", "code", "message", "detail", "hint", "position",
        "internalPosition", "internalQuery", "where", "schemaName", "tableName", "columnName",
        "dataTypeName", "constraintName", "file", "line", "routine"
    };

    private final Map<Character, String> fields;

    private PgErrorDetails(Map<Character, String> fields) {
        this.fields = fields;
    }

    /**
     * Creates details from the fields of an {@code ErrorResponse} or {@code NoticeResponse}.
     *
     * @param fields field type byte (as a {@code char}, e.g. {@code 'C'}) to field value; copied,
     *     must not contain {@code null} keys or values
     * @return the details
     */
    public static PgErrorDetails of(Map<Character, String> fields) {
        Objects.requireNonNull(fields, "fields");
        return new PgErrorDetails(Map.copyOf(fields));
    }

    /** All fields received, keyed by field type, including types without an accessor here. */
    public Map<Character, String> fields() {
        return fields;
    }

    /** {@code S}: severity, possibly localized ({@code ERROR}, {@code FATAL}, {@code WARNING}, ...). */
    public @Nullable String severity() {
        return fields.get('S');
    }

    /** {@code V}: severity, never localized (PostgreSQL 9.6 and later). */
    public @Nullable String severityNonLocalized() {
        return fields.get('V');
    }

    /** {@code C}: the SQLSTATE code, e.g. {@code 23505}. */
    public @Nullable String code() {
        return fields.get('C');
    }

    /** {@code M}: the primary human-readable message. */
    public @Nullable String message() {
        return fields.get('M');
    }

    /** {@code D}: an optional secondary message with more detail. */
    public @Nullable String detail() {
        return fields.get('D');
    }

    /** {@code H}: an optional suggestion what to do about the problem. */
    public @Nullable String hint() {
        return fields.get('H');
    }

    /** {@code P}: 1-based character position in the original query string where the error is. */
    public @Nullable String position() {
        return fields.get('P');
    }

    /** {@code P} as a number, or {@code null} when absent or not a number. */
    public @Nullable Integer positionNumber() {
        return parseInt(position());
    }

    /** {@code p}: like {@link #position()}, but in the internally generated command {@link #internalQuery()}. */
    public @Nullable String internalPosition() {
        return fields.get('p');
    }

    /** {@code q}: the text of a failed internally generated command, e.g. a query inside a PL/pgSQL function. */
    public @Nullable String internalQuery() {
        return fields.get('q');
    }

    /** {@code W}: the context in which the error occurred, e.g. a call stack of PL functions. */
    public @Nullable String where() {
        return fields.get('W');
    }

    /** {@code s}: name of the schema of the object the error is about. */
    public @Nullable String schemaName() {
        return fields.get('s');
    }

    /** {@code t}: name of the table the error is about. */
    public @Nullable String tableName() {
        return fields.get('t');
    }

    /** {@code c}: name of the column the error is about. */
    public @Nullable String columnName() {
        return fields.get('c');
    }

    /** {@code d}: name of the data type the error is about. */
    public @Nullable String dataTypeName() {
        return fields.get('d');
    }

    /** {@code n}: name of the constraint the error is about. */
    public @Nullable String constraintName() {
        return fields.get('n');
    }

    /** {@code F}: server source file where the error was reported. */
    public @Nullable String file() {
        return fields.get('F');
    }

    /** {@code L}: line in {@link #file()} where the error was reported. */
    public @Nullable String line() {
        return fields.get('L');
    }

    /** {@code L} as a number, or {@code null} when absent or not a number. */
    public @Nullable Integer lineNumber() {
        return parseInt(line());
    }

    /** {@code R}: server source routine that reported the error. */
    public @Nullable String routine() {
        return fields.get('R');
    }

    /**
     * The message of exceptions made from these details: {@code [SQLSTATE] message}, then
     * {@code " Detail: "} and {@code " Hint: "} with those fields when present.
     */
    String exceptionMessage() {
        String code = code();
        String message = message();
        StringBuilder sb = new StringBuilder();
        if (code != null) {
            sb.append('[').append(code).append("] ");
        }
        sb.append(message != null ? message : "(no message)");
        String detail = detail();
        if (detail != null) {
            sb.append(" Detail: ").append(detail);
        }
        String hint = hint();
        if (hint != null) {
            sb.append(" Hint: ").append(hint);
        }
        return sb.toString();
    }

    private static @Nullable Integer parseInt(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgErrorDetails other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** Shows every field present, named, in protocol documentation order; unknown types last. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PgErrorDetails{");
        int shown = 0;
        for (int i = 0; i < TYPES.length(); i++) {
            String value = fields.get(TYPES.charAt(i));
            if (value != null) {
                append(sb, shown++, NAMES[i], value);
            }
        }
        for (Map.Entry<Character, String> e : fields.entrySet()) {
            if (TYPES.indexOf(e.getKey()) < 0) {
                append(sb, shown++, String.valueOf(e.getKey()), e.getValue());
            }
        }
        return sb.append('}').toString();
    }

    private static void append(StringBuilder sb, int shown, String name, String value) {
        if (shown > 0) {
            sb.append(", ");
        }
        sb.append(name).append('=').append(value);
    }
}
