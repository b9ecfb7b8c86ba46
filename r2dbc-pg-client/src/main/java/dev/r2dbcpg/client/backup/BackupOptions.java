package dev.r2dbcpg.client.backup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link PgBackup#pgDump} and {@link PgBackup#pgRestore}, each the pg_dump / pg_restore option of
 * the same name. {@link #format()} applies to the dump only (a restore recognises the archive: a directory
 * or a custom archive goes to pg_restore, a plain SQL file to psql). Immutable; build with {@link #builder()}.
 *
 * @param format the archive format (pg_dump {@code --format})
 * @param clean drop objects before creating them ({@code --clean}, with {@code --if-exists})
 * @param schemaOnly definitions only ({@code --schema-only})
 * @param dataOnly data only ({@code --data-only})
 * @param tables tables to dump or restore only ({@code --table}, once each); pg_dump patterns
 *     ({@code public.orders}, {@code sales.*}); passed as arguments, never through a shell
 * @param excludeTables tables to leave out of a dump ({@code --exclude-table})
 * @param jobs parallel jobs ({@code --jobs}; a dump in parallel needs the directory format); 1 for none
 * @param noOwner leave out ownership ({@code --no-owner})
 * @param toolDirectory the directory of the PostgreSQL client tools; null to look on {@code PATH} and in
 *     {@code /usr/lib/postgresql/<major>/bin}
 */
public record BackupOptions(Format format, boolean clean, boolean schemaOnly, boolean dataOnly, List<String> tables,
        List<String> excludeTables, int jobs, boolean noOwner, @Nullable Path toolDirectory) {

    /** pg_dump's archive formats. */
    public enum Format {
        /** {@code --format=custom}: one compressed file, restored with pg_restore (in parallel too). */
        CUSTOM("custom"),
        /** {@code --format=directory}: one file per table; dumped and restored in parallel. */
        DIRECTORY("directory"),
        /** {@code --format=plain}: an SQL script, restored with psql. */
        PLAIN("plain");

        final String option;

        Format(String option) {
            this.option = option;
        }
    }

    /** Checks the combination: schema-only and data-only exclude each other, jobs is at least 1. */
    public BackupOptions {
        Objects.requireNonNull(format, "format");
        tables = List.copyOf(tables);
        excludeTables = List.copyOf(excludeTables);
        if (schemaOnly && dataOnly) {
            throw new IllegalArgumentException("schemaOnly and dataOnly exclude each other");
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
        if (clean && dataOnly) {
            throw new IllegalArgumentException("clean and dataOnly exclude each other (pg_dump refuses them together)");
        }
    }

    /** Custom format, everything, one job. */
    public static BackupOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link BackupOptions}. */
    public static final class Builder {

        private Format format = Format.CUSTOM;
        private boolean clean;
        private boolean schemaOnly;
        private boolean dataOnly;
        private final List<String> tables = new ArrayList<>();
        private final List<String> excludeTables = new ArrayList<>();
        private int jobs = 1;
        private boolean noOwner;
        private @Nullable Path toolDirectory;

        private Builder() {
        }

        public Builder format(Format format) {
            this.format = format;
            return this;
        }

        public Builder clean(boolean clean) {
            this.clean = clean;
            return this;
        }

        public Builder schemaOnly(boolean schemaOnly) {
            this.schemaOnly = schemaOnly;
            return this;
        }

        public Builder dataOnly(boolean dataOnly) {
            this.dataOnly = dataOnly;
            return this;
        }

        public Builder table(String pattern) {
            tables.add(Objects.requireNonNull(pattern, "pattern"));
            return this;
        }

        public Builder excludeTable(String pattern) {
            excludeTables.add(Objects.requireNonNull(pattern, "pattern"));
            return this;
        }

        public Builder jobs(int jobs) {
            this.jobs = jobs;
            return this;
        }

        public Builder noOwner(boolean noOwner) {
            this.noOwner = noOwner;
            return this;
        }

        public Builder toolDirectory(@Nullable Path toolDirectory) {
            this.toolDirectory = toolDirectory;
            return this;
        }

        public BackupOptions build() {
            return new BackupOptions(format, clean, schemaOnly, dataOnly, tables, excludeTables, jobs, noOwner,
                    toolDirectory);
        }
    }
}
