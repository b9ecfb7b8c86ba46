package dev.r2dbcpg.client;

/**
 * A helper needs an extension that the current database lacks: it was not created there, or the server
 * does not even have its files. Nothing else was sent.
 */
public final class PgMissingExtensionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String extension;
    private final boolean available;

    PgMissingExtensionException(String product, String extension, boolean available) {
        super(product + " is not installed in this database: the extension '" + extension + "' is missing ("
                + (available ? "the server has it: run CREATE EXTENSION " + extension
                        : "the server does not have it: install its package on the server, then run CREATE EXTENSION "
                                + extension) + ")");
        this.extension = extension;
        this.available = available;
    }

    /** The extension's name, for example {@code timescaledb}. */
    public String extension() {
        return extension;
    }

    /** Whether the server has the extension's files ({@code pg_available_extensions}), so that it can be created. */
    public boolean available() {
        return available;
    }
}
