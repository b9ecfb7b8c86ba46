package dev.r2dbcpg.client;

import dev.r2dbcpg.core.CopyOptions;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a CSV file is written or read by {@code COPY ... (FORMAT csv)}. Immutable: every {@code with...} method
 * returns a copy. {@link #defaults()} are PostgreSQL's CSV defaults, except that the file has a header line:
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>COPY option</th></tr>
 *   <tr><td>{@link #withHeader header}</td><td>true: the first line names the columns (skipped on import)</td><td>{@code HEADER}</td></tr>
 *   <tr><td>{@link #withDelimiter delimiter}</td><td>{@code ,}</td><td>{@code DELIMITER}</td></tr>
 *   <tr><td>{@link #withNullString nullString}</td><td>the empty, unquoted string (an empty string value is written {@code ""})</td><td>{@code NULL}</td></tr>
 *   <tr><td>{@link #withQuote quote}</td><td>{@code "}</td><td>{@code QUOTE}</td></tr>
 *   <tr><td>{@link #withEscape escape}</td><td>the quote character (a quote inside a quoted value is doubled)</td><td>{@code ESCAPE}</td></tr>
 *   <tr><td>{@link #withEncoding encoding}</td><td>the connection's client encoding (UTF-8 for r2dbc-pg)</td><td>{@code ENCODING}</td></tr>
 *   <tr><td>{@link #withColumns columns}</td><td>every column, in table order</td><td>the column list</td></tr>
 * </table>
 *
 * <p>Delimiter, quote and escape are single ASCII characters other than carriage return and line feed; the
 * server refuses the remaining bad combinations (a delimiter equal to the quote, say) with an error that leaves
 * the connection usable. Values are written as literals and column names are quoted identifiers
 * ({@code dev.r2dbcpg.core.Identifiers}): no option is ever SQL.
 */
public final class CsvOptions {

    private static final CsvOptions DEFAULTS = new CsvOptions(true, ',', "", '"', null, null, List.of());

    private final boolean header;
    private final char delimiter;
    private final String nullString;
    private final char quote;
    private final @Nullable Character escape;
    private final @Nullable String encoding;
    private final List<String> columns;

    private CsvOptions(boolean header, char delimiter, String nullString, char quote, @Nullable Character escape,
            @Nullable String encoding, List<String> columns) {
        this.header = header;
        this.delimiter = delimiter;
        this.nullString = nullString;
        this.quote = quote;
        this.escape = escape;
        this.encoding = encoding;
        this.columns = columns;
    }

    /** PostgreSQL's CSV defaults with a header line (see the class comment). */
    public static CsvOptions defaults() {
        return DEFAULTS;
    }

    /** Whether the file starts with a line of column names; on import that line is skipped, not checked. */
    public CsvOptions withHeader(boolean header) {
        return new CsvOptions(header, delimiter, nullString, quote, escape, encoding, columns);
    }

    /** The character between values. */
    public CsvOptions withDelimiter(char delimiter) {
        return new CsvOptions(header, checked(delimiter, "delimiter"), nullString, quote, escape, encoding, columns);
    }

    /** The text that stands for NULL (unquoted); a quoted value equal to it is a string, not NULL. */
    public CsvOptions withNullString(String nullString) {
        if (nullString == null || nullString.indexOf('\0') >= 0 || nullString.indexOf('\n') >= 0
                || nullString.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("The null string must not be null or contain NUL, CR or LF");
        }
        return new CsvOptions(header, delimiter, nullString, quote, escape, encoding, columns);
    }

    /** The character that quotes a value containing the delimiter, the quote, CR or LF. */
    public CsvOptions withQuote(char quote) {
        return new CsvOptions(header, delimiter, nullString, checked(quote, "quote"), escape, encoding, columns);
    }

    /** The character that precedes a quote inside a quoted value; by default the quote itself. */
    public CsvOptions withEscape(char escape) {
        return new CsvOptions(header, delimiter, nullString, quote, checked(escape, "escape"), encoding, columns);
    }

    /**
     * The file's character encoding as PostgreSQL names it ({@code UTF8}, {@code LATIN1}, {@code WIN1252}...):
     * the server converts between it and the database's encoding. An unknown name fails the COPY.
     */
    public CsvOptions withEncoding(String encoding) {
        if (encoding == null || encoding.isBlank()) {
            throw new IllegalArgumentException("The encoding must not be null or blank");
        }
        return new CsvOptions(header, delimiter, nullString, quote, escape, encoding, columns);
    }

    /**
     * The columns written or read, in file order (each a plain or quoted column name); none means every column
     * in table order. Not allowed for the export of a query, whose columns are its select list.
     */
    public CsvOptions withColumns(String... columns) {
        List<String> names = List.of(columns);
        names.forEach(TableName::column);
        return new CsvOptions(header, delimiter, nullString, quote, escape, encoding, names);
    }

    /** Whether the file has a header line. */
    public boolean header() {
        return header;
    }

    /** The character between values. */
    public char delimiter() {
        return delimiter;
    }

    /** The text that stands for NULL. */
    public String nullString() {
        return nullString;
    }

    /** The quote character. */
    public char quote() {
        return quote;
    }

    /** The escape character; by default the quote character. */
    public char escape() {
        return escape == null ? quote : escape;
    }

    /** The file's encoding, or null for the client encoding. */
    public @Nullable String encoding() {
        return encoding;
    }

    /** The columns, empty for all. */
    public List<String> columns() {
        return columns;
    }

    /** These options as the core's COPY options for {@code table} (its schema included), format CSV. */
    CopyOptions toCopyOptions(@Nullable TableName table) {
        CopyOptions.Builder copy = CopyOptions.builder().format(CopyOptions.Format.CSV).header(header)
                .delimiter(String.valueOf(delimiter)).nullString(nullString).quote(String.valueOf(quote))
                .escape(String.valueOf(escape()));
        if (encoding != null) {
            copy.encoding(encoding);
        }
        if (!columns.isEmpty()) {
            if (table == null) {
                throw new IllegalArgumentException("columns do not apply to the export of a query: name them in its "
                        + "select list");
            }
            copy.columns(columns.stream().map(TableName::column).toArray(String[]::new));
        }
        if (table != null && table.schema() != null) {
            copy.schema(table.schema());
        }
        return copy.build();
    }

    private static char checked(char c, String what) {
        if (c == 0 || c > 0x7f || c == '\n' || c == '\r') {
            throw new IllegalArgumentException("The " + what + " must be one ASCII character other than NUL, CR and LF, "
                    + "was U+" + String.format("%04X", (int) c));
        }
        return c;
    }

    @Override
    public String toString() {
        return "CsvOptions[header=" + header + ", delimiter=" + delimiter + ", nullString='" + nullString + "', quote="
                + quote + ", escape=" + escape() + ", encoding=" + encoding + ", columns=" + columns + "]";
    }
}
