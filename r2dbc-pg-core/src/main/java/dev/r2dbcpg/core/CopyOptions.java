package dev.r2dbcpg.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The options of a {@code COPY} statement the driver builds, after asyncpg's {@code copy_to_table},
 * {@code copy_from_table} and {@code copy_from_query}. Immutable; start from {@link #defaults()}.
 * Every identifier (schema, table, columns) follows {@link Identifiers}: a plain name is quoted (case
 * kept), a quoted identifier is used as given, a table without a schema may be qualified
 * ({@code app.events}), anything else is refused. Every string option is written as an escaped literal. {@link Builder#where(String)} is the one exception: it is an SQL expression and
 * is inserted as given, so it must never contain untrusted input.
 *
 * <p>Options that PostgreSQL allows in one direction only are checked when the statement is built:
 * {@code FORCE_QUOTE} only for export; {@code FORCE_NOT_NULL}, {@code FORCE_NULL}, {@code FREEZE}
 * and {@code WHERE} only for import.
 */
public final class CopyOptions {

    /** The data format of a COPY. */
    public enum Format { TEXT, CSV, BINARY }

    private static final CopyOptions DEFAULTS = new Builder().build();

    private final @Nullable String schema;
    private final List<String> columns;
    private final @Nullable Format format;
    private final @Nullable String delimiter;
    private final @Nullable String nullString;
    private final @Nullable Boolean header;
    private final @Nullable String quote;
    private final @Nullable String escape;
    private final @Nullable List<String> forceQuote;
    private final List<String> forceNotNull;
    private final List<String> forceNull;
    private final @Nullable String encoding;
    private final @Nullable String where;
    private final boolean freeze;

    private CopyOptions(Builder b) {
        schema = b.schema;
        columns = List.copyOf(b.columns);
        format = b.format;
        delimiter = b.delimiter;
        nullString = b.nullString;
        header = b.header;
        quote = b.quote;
        escape = b.escape;
        forceQuote = b.forceQuote == null ? null : List.copyOf(b.forceQuote);
        forceNotNull = List.copyOf(b.forceNotNull);
        forceNull = List.copyOf(b.forceNull);
        encoding = b.encoding;
        where = b.where;
        freeze = b.freeze;
    }

    /** No options: the whole table, text format, server defaults. */
    public static CopyOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from no options. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to derive others from. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.schema = schema;
        b.columns = columns;
        b.format = format;
        b.delimiter = delimiter;
        b.nullString = nullString;
        b.header = header;
        b.quote = quote;
        b.escape = escape;
        b.forceQuote = forceQuote;
        b.forceNotNull = forceNotNull;
        b.forceNull = forceNull;
        b.encoding = encoding;
        b.where = where;
        b.freeze = freeze;
        return b;
    }

    /** The columns to copy; empty means all. */
    public List<String> columns() {
        return columns;
    }

    /** The schema of the table, or null for the search path. */
    public @Nullable String schema() {
        return schema;
    }

    /** {@code COPY "schema"."table" ("c1", ...) FROM STDIN WITH (...) [WHERE ...]}. */
    String copyToTable(String table) {
        if (forceQuote != null) {
            throw new IllegalArgumentException("forceQuote applies to COPY TO only");
        }
        StringBuilder sql = new StringBuilder("COPY ").append(target(table)).append(" FROM STDIN");
        appendOptions(sql);
        if (where != null) {
            sql.append(" WHERE ").append(where);
        }
        return sql.toString();
    }

    /** {@code COPY "schema"."table" ("c1", ...) TO STDOUT WITH (...)}. */
    String copyFromTable(String table) {
        checkExport();
        StringBuilder sql = new StringBuilder("COPY ").append(target(table)).append(" TO STDOUT");
        appendOptions(sql);
        return sql.toString();
    }

    /** {@code COPY (query) TO STDOUT WITH (...)}; {@link #columns()} must be empty. */
    String copyFromQuery(String query) {
        checkExport();
        if (!columns.isEmpty() || schema != null) {
            throw new IllegalArgumentException("columns and schema do not apply to COPY of a query");
        }
        StringBuilder sql = new StringBuilder("COPY (").append(query).append(") TO STDOUT");
        appendOptions(sql);
        return sql.toString();
    }

    /** The table name (see {@link #table}) followed by the column list, if any. */
    String target(String table) {
        StringBuilder sql = new StringBuilder(table(table));
        if (!columns.isEmpty()) {
            sql.append(' ');
            appendIdentifiers(sql, columns);
        }
        return sql.toString();
    }

    private void checkExport() {
        if (!forceNotNull.isEmpty() || !forceNull.isEmpty() || freeze || where != null) {
            throw new IllegalArgumentException("forceNotNull, forceNull, freeze and where apply to COPY FROM only");
        }
    }

    private void appendOptions(StringBuilder sql) {
        List<String> options = new ArrayList<>();
        if (format != null) {
            options.add("FORMAT " + format.name().toLowerCase(Locale.ROOT));
        }
        if (freeze) {
            options.add("FREEZE true");
        }
        if (delimiter != null) {
            options.add("DELIMITER " + literal(delimiter));
        }
        if (nullString != null) {
            options.add("NULL " + literal(nullString));
        }
        if (header != null) {
            options.add("HEADER " + header);
        }
        if (quote != null) {
            options.add("QUOTE " + literal(quote));
        }
        if (escape != null) {
            options.add("ESCAPE " + literal(escape));
        }
        if (forceQuote != null) {
            options.add("FORCE_QUOTE " + (forceQuote.isEmpty() ? "*" : identifiers(forceQuote)));
        }
        if (!forceNotNull.isEmpty()) {
            options.add("FORCE_NOT_NULL " + identifiers(forceNotNull));
        }
        if (!forceNull.isEmpty()) {
            options.add("FORCE_NULL " + identifiers(forceNull));
        }
        if (encoding != null) {
            options.add("ENCODING " + literal(encoding));
        }
        if (!options.isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", options)).append(')');
        }
    }

    /**
     * The table as SQL: with a schema, both single names; without, {@code table} may be qualified
     * ({@code app.events}). Names follow {@link Identifiers}: plain ones quoted, quoted ones kept.
     */
    String table(String table) {
        return schema != null
                ? Identifiers.name(schema, "schema") + '.' + Identifiers.name(table, "table")
                : Identifiers.qualifiedName(table, "table");
    }

    /** The column names as SQL, comma-separated; empty when no columns are given. */
    String columnList() {
        return joined(columns);
    }

    private static String joined(List<String> names) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Identifiers.name(names.get(i), "column"));
        }
        return sql.toString();
    }

    private static String identifiers(List<String> names) {
        StringBuilder sql = new StringBuilder();
        appendIdentifiers(sql, names);
        return sql.toString();
    }

    private static void appendIdentifiers(StringBuilder sql, List<String> names) {
        sql.append('(').append(joined(names)).append(')');
    }

    /** An escape-string literal: correct whatever {@code standard_conforming_strings} is. */
    static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("COPY option values cannot contain NUL");
        }
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Builds {@link CopyOptions}; every setter replaces the earlier value. */
    public static final class Builder {

        private @Nullable String schema;
        private List<String> columns = List.of();
        private @Nullable Format format;
        private @Nullable String delimiter;
        private @Nullable String nullString;
        private @Nullable Boolean header;
        private @Nullable String quote;
        private @Nullable String escape;
        private @Nullable List<String> forceQuote;
        private List<String> forceNotNull = List.of();
        private List<String> forceNull = List.of();
        private @Nullable String encoding;
        private @Nullable String where;
        private boolean freeze;

        private Builder() {
        }

        /** The schema of the table (one name, see {@link Identifiers}); default: the search path. */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** The columns to copy, in data order (names, see {@link Identifiers}); default: all columns in table order. */
        public Builder columns(String... columns) {
            this.columns = List.of(columns);
            return this;
        }

        /** {@code FORMAT}. */
        public Builder format(Format format) {
            this.format = format;
            return this;
        }

        /** {@code DELIMITER}: one single-byte character. */
        public Builder delimiter(String delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        /** {@code NULL}: the string that stands for a null value. */
        public Builder nullString(String nullString) {
            this.nullString = nullString;
            return this;
        }

        /** {@code HEADER} (CSV and text). */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /** {@code QUOTE} (CSV). */
        public Builder quote(String quote) {
            this.quote = quote;
            return this;
        }

        /** {@code ESCAPE} (CSV). */
        public Builder escape(String escape) {
            this.escape = escape;
            return this;
        }

        /** {@code FORCE_QUOTE} (CSV export); no columns means {@code *}, every non-null value quoted. */
        public Builder forceQuote(String... columns) {
            this.forceQuote = List.of(columns);
            return this;
        }

        /** {@code FORCE_NOT_NULL} (CSV import). */
        public Builder forceNotNull(String... columns) {
            this.forceNotNull = List.of(columns);
            return this;
        }

        /** {@code FORCE_NULL} (CSV import). */
        public Builder forceNull(String... columns) {
            this.forceNull = List.of(columns);
            return this;
        }

        /** {@code ENCODING} of the data, when it differs from the client encoding. */
        public Builder encoding(String encoding) {
            this.encoding = encoding;
            return this;
        }

        /** {@code WHERE} condition of an import; raw SQL, never from untrusted input. */
        public Builder where(String condition) {
            this.where = condition;
            return this;
        }

        /** {@code FREEZE} (import into a table created or truncated in the same transaction). */
        public Builder freeze(boolean freeze) {
            this.freeze = freeze;
            return this;
        }

        public CopyOptions build() {
            return new CopyOptions(this);
        }
    }
}
