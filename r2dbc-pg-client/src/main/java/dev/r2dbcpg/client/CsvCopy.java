package dev.r2dbcpg.client;

import dev.r2dbcpg.core.CopyOptions;
import dev.r2dbcpg.core.PgConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * CSV files through COPY: pycopg's {@code copy_to_csv} and {@code copy_from_csv}.
 *
 * <p>The file is streamed, never loaded: an export writes each row as it arrives, an import reads 64 KiB at a
 * time as the COPY asks for more, so memory stays bounded whatever the file's size, and the server is held
 * back by backpressure when the disk is slower than the network. All file I/O (open, read, write, move) runs on
 * {@link Schedulers#boundedElastic()}, never on the connection's event loop. The bytes are copied as they are:
 * the server does the CSV work and any encoding conversion ({@link CsvOptions#withEncoding}).
 *
 * <p>A table is named by a table name ({@code users}, {@code app.users}, quoted through
 * {@code dev.r2dbcpg.core.Identifiers}, anything else refused); a query is exported by
 * {@link #copyQueryToCsv}, a separate method, because its text is raw SQL and must never come from untrusted
 * input. The text is never guessed to be one or the other.
 */
final class CsvCopy {

    /** Bytes read from the file per COPY data chunk. */
    static final int READ_CHUNK = 64 * 1024;
    /** Bytes gathered before a write to the file. */
    static final int WRITE_BUFFER = 64 * 1024;
    /** Rows of the export held between the connection and the file writer. */
    private static final int ROW_PREFETCH = 256;

    private CsvCopy() {
    }

    /**
     * {@code COPY table (columns) TO STDOUT (FORMAT csv, ...)} into {@code file}, which is replaced only once the
     * export succeeded: the data goes to a temporary file beside it, moved over it at the end, and deleted on
     * error or cancellation, so a failed export leaves an existing file as it was.
     *
     * @return the number of rows exported (the header line not counted)
     */
    static Mono<Long> copyToCsv(PgConnection c, String table, Path file, CsvOptions options) {
        return Mono.defer(() -> {
            TableName target = TableName.parse(table);
            CopyOptions copy = options.toCopyOptions(target);
            return export(c.copyFromTable(target.table(), copy), file, options);
        });
    }

    /**
     * {@code COPY (query) TO STDOUT (FORMAT csv, ...)} into {@code file}, as {@link #copyToCsv}. The query is raw
     * SQL, run as given: never build it from untrusted input. {@link CsvOptions#columns()} must be empty.
     *
     * @return the number of rows exported (the header line not counted)
     */
    static Mono<Long> copyQueryToCsv(PgConnection c, String query, Path file, CsvOptions options) {
        return Mono.defer(() -> {
            if (query == null || query.isBlank()) {
                throw new IllegalArgumentException("The query must not be null or blank");
            }
            return export(c.copyFromQuery(query, options.toCopyOptions(null)), file, options);
        });
    }

    /**
     * {@code COPY table (columns) FROM STDIN (FORMAT csv, ...)} from {@code file}. The file is checked before the
     * COPY starts (a missing file fails without any SQL sent); a read error mid-way aborts the COPY, which the
     * server rolls back. With {@link CsvOptions#header()} the first line is skipped.
     *
     * @return the number of rows imported (the server's {@code COPY n})
     */
    static Mono<Long> copyFromCsv(PgConnection c, String table, Path file, CsvOptions options) {
        return Mono.defer(() -> {
            TableName target = TableName.parse(table);
            CopyOptions copy = options.toCopyOptions(target);
            // Checked first, so that a missing file fails before any SQL is sent; the file is opened by the
            // source itself, which closes it however the COPY ends (a cancel included).
            return Mono.fromCallable(() -> checkReadable(file)).subscribeOn(Schedulers.boundedElastic())
                    .then(c.copyToTable(target.table(), chunks(file), copy));
        });
    }

    private static Path checkReadable(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString(), null, "not a readable file");
        }
        return file;
    }

    /**
     * The file's bytes in chunks of up to {@link #READ_CHUNK}, one read per request; the file is opened on
     * subscription and closed on completion, error or cancellation. {@code subscribeOn} moves the subscription
     * and the requests, which the COPY makes from the event loop, to a bounded-elastic worker, where the reads run.
     */
    private static Flux<byte[]> chunks(Path file) {
        return Flux.using(() -> FileChannel.open(file, StandardOpenOption.READ), CsvCopy::chunks, CsvCopy::closeQuietly)
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Flux<byte[]> chunks(FileChannel channel) {
        return Flux.<byte[]>generate(sink -> {
            ByteBuffer buffer = ByteBuffer.allocate(READ_CHUNK);
            try {
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer) < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                sink.error(e);
                return;
            }
            if (buffer.position() == 0) {
                sink.complete();
            } else {
                sink.next(buffer.position() == READ_CHUNK ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position()));
            }
        });
    }

    private static Mono<Long> export(Flux<byte[]> rows, Path file, CsvOptions options) {
        // The server sends one CopyData per row, and the header line as one of its own.
        long headerLines = options.header() ? 1 : 0;
        // The directory is checked before the COPY starts; the file itself is created by the first write, so
        // that nothing is opened that a cancellation could leave behind.
        Mono<Path> directory = Mono.fromCallable(() -> checkDirectory(file)).subscribeOn(Schedulers.boundedElastic());
        return directory.then(Mono.usingWhen(
                Mono.fromSupplier(() -> new FileWriter(file)),
                writer -> rows.publishOn(Schedulers.boundedElastic(), ROW_PREFETCH)
                        .doOnNext(writer::write)
                        .count()
                        .map(messages -> messages - headerLines),
                writer -> Mono.fromRunnable(writer::commit).subscribeOn(Schedulers.boundedElastic()).then(),
                (writer, error) -> Mono.fromRunnable(writer::abort).subscribeOn(Schedulers.boundedElastic()).then(),
                writer -> Mono.fromRunnable(writer::abort).subscribeOn(Schedulers.boundedElastic()).then()))
                .onErrorMap(UncheckedIOException.class, UncheckedIOException::getCause);
    }

    private static Path checkDirectory(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new NoSuchFileException(String.valueOf(directory), null, "the directory of " + file + " does not exist");
        }
        return directory;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it; a failed close of a read-only file loses nothing
        }
    }

    /**
     * Writes an export to a temporary file in the target's directory and moves it over the target on
     * {@link #commit}. Used from one thread at a time (the publishOn worker), so it needs no locks.
     */
    private static final class FileWriter {

        private final Path target;
        private final Path temporary;
        private final ByteBuffer buffer = ByteBuffer.allocate(WRITE_BUFFER);
        /** Opened by the first write (or the commit of an empty export), on a bounded-elastic worker. */
        private @Nullable FileChannel channel;

        FileWriter(Path file) {
            this.target = file.toAbsolutePath();
            this.temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        }

        private FileChannel channel() throws IOException {
            FileChannel open = channel;
            if (open == null) {
                open = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                channel = open;
            }
            return open;
        }

        void write(byte[] row) {
            try {
                if (row.length > buffer.remaining()) {
                    flush();
                }
                if (row.length > buffer.capacity()) {
                    writeFully(ByteBuffer.wrap(row));
                } else {
                    buffer.put(row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void commit() {
            try {
                flush();
                channel().close();
                try {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                abort();
                throw new UncheckedIOException(e);
            }
        }

        void abort() {
            FileChannel open = channel;
            if (open == null) {
                return;
            }
            try {
                open.close();
            } catch (IOException e) {
                // the file is deleted next; nothing else to do with a failed close
            }
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the partial export " + temporary, e);
            }
        }

        private void flush() throws IOException {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }

        private void writeFully(ByteBuffer data) throws IOException {
            FileChannel open = channel();
            while (data.hasRemaining()) {
                open.write(data);
            }
        }
    }
}
