package dev.r2dbcpg.client.backup;

import java.util.List;

/** A PostgreSQL client tool that could not run or exited with a status other than 0. */
public final class PgToolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitStatus;
    private final List<String> stderr;

    PgToolException(String message, int exitStatus, List<String> stderr) {
        super(message);
        this.exitStatus = exitStatus;
        this.stderr = stderr;
    }

    /** The exit status, or -1 when the tool did not run to its end. */
    public int exitStatus() {
        return exitStatus;
    }

    /** The last lines the tool wrote to stderr (at most 20). */
    public List<String> stderr() {
        return stderr;
    }
}
