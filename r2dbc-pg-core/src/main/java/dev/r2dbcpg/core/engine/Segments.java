package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.PgOutParameters;
import dev.r2dbcpg.core.PgResult;
import dev.r2dbcpg.core.PgRow;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;

/**
 * The segments a {@link PgResult} is made of besides rows (a {@link PgRow} is its own segment), and the marker
 * that ends one result.
 */
public final class Segments {

    /** Ends the segments of one statement's result in a stream of several. */
    static final Object END_OF_RESULT = new Object() {
        @Override
        public String toString() {
            return "END_OF_RESULT";
        }
    };

    private Segments() {
    }

    /** The OUT and INOUT parameter values of a {@code CALL}, which the server returns as one row. */
    public record OutSegment(PgOutParameters outParameters) implements Result.OutSegment {
    }

    /** The count of a CommandComplete that affected rows (INSERT, UPDATE, DELETE, MERGE, COPY ...). */
    public record UpdateCount(long value) implements Result.UpdateCount {
    }

    /**
     * An ErrorResponse or a NoticeResponse.
     *
     * @param exception the exception the message maps to (for a notice, never thrown by the driver)
     * @param error whether it is an error, which ends the statement
     */
    public record Message(R2dbcException exception, boolean error) implements Result.Message {

        @Override
        public int errorCode() {
            return exception.getErrorCode();
        }

        @Override
        public String sqlState() {
            String state = exception.getSqlState();
            return state == null ? "" : state;
        }

        @Override
        public String message() {
            return exception.getMessage();
        }
    }

    /** Releases what a segment holds, if anything. */
    public static void release(Object segment) {
        if (segment instanceof PgRow row) {
            SpiObjects.get().release(row);
        } else if (segment instanceof OutSegment out) {
            SpiObjects.get().release(SpiObjects.get().rowOf(out.outParameters()));
        }
    }
}
