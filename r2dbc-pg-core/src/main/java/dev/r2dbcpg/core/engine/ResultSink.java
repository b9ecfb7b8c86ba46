package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.PgRow;
import dev.r2dbcpg.core.PgRowMetadata;
import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.error.PgErrorDetails;
import dev.r2dbcpg.core.error.PgExceptionFactory;
import dev.r2dbcpg.core.error.PgNonTransientException;
import dev.r2dbcpg.core.protocol.ConversationSink;
import dev.r2dbcpg.core.protocol.RowDescription;
import io.netty.buffer.ByteBuf;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns one conversation's answers into the segments of its results, pushed into a {@link ResultStream}
 * whose demand decides whether the connection keeps reading. Called on the event loop only.
 */
public class ResultSink implements ConversationSink {

    private final ResultStream emitter;
    private final CodecRegistry codecs;
    private final Supplier<ZoneId> timeZone;
    private final @Nullable String sql;
    private final Consumer<Map<Character, String>> noticeListener;
    private @Nullable PgRowMetadata metadata;
    private boolean copyOutReported;
    private boolean outParameters;
    private boolean emittedAny;

    ResultSink(ResultStream emitter, CodecRegistry codecs, Supplier<ZoneId> timeZone, @Nullable String sql,
            Consumer<Map<Character, String>> noticeListener) {
        this.emitter = emitter;
        this.codecs = codecs;
        this.timeZone = timeZone;
        this.sql = sql;
        this.noticeListener = noticeListener;
    }

    /** Delivers rows as the OUT parameters of a {@code CALL} instead of as rows. */
    void deliverRowsAsOutParameters() {
        this.outParameters = true;
    }

    /** Sets the row layout for an Execute whose statement was described earlier (no RowDescription follows). */
    void presetMetadata(@Nullable PgRowMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public void onRowDescription(RowDescription description) {
        metadata = SpiObjects.get().metadata(description, codecs, timeZone);
    }

    @Override
    public void onDataRow(ByteBuf row) {
        PgRowMetadata current = metadata;
        if (current == null) {
            throw new IllegalStateException("Protocol violation: DataRow without a RowDescription");
        }
        emittedAny = true;
        // The row keeps the connection's buffer (retained), not a slice of it: no object per row for the bytes.
        PgRow pgRow = SpiObjects.get().row(current, row.retain());
        emitter.emit(outParameters ? new Segments.OutSegment(SpiObjects.get().outParameters(pgRow)) : pgRow);
    }

    @Override
    public void onCommandComplete(String tag, long rowsAffected) {
        emittedAny = true;
        if (rowsAffected >= 0 && !tag.startsWith("SELECT") && !tag.startsWith("FETCH")) {
            emitter.emit(new Segments.UpdateCount(rowsAffected));
        }
        emitter.emit(Segments.END_OF_RESULT);
    }

    @Override
    public void onEmptyQueryResponse() {
        emittedAny = true;
        emitter.emit(Segments.END_OF_RESULT);
    }

    @Override
    public void onCopyData(ByteBuf data) {
        data.release();
        if (!copyOutReported) {
            copyOutReported = true;
            emittedAny = true;
            Map<Character, String> fields = Map.of('S', "ERROR", 'V', "ERROR", 'C', "0A000", 'M',
                    "COPY TO STDOUT cannot be read through a Statement: its data was not delivered; use the "
                            + "driver's COPY API");
            emitter.emit(new Segments.Message(new PgNonTransientException(PgErrorDetails.of(fields), sql), true));
        }
    }

    @Override
    public void onNotice(Map<Character, String> fields) {
        noticeListener.accept(fields);
        emitter.emit(new Segments.Message(PgExceptionFactory.create(PgErrorDetails.of(fields), sql), false));
    }

    @Override
    public void onServerError(Map<Character, String> fields) {
        emittedAny = true;
        emitter.emit(new Segments.Message(PgExceptionFactory.create(PgErrorDetails.of(fields), sql), true));
        emitter.emit(Segments.END_OF_RESULT);
    }

    /**
     * The error of binding {@code binding} of a batch of {@code size}: the exception the server error maps to
     * (same class, same SQLSTATE and fields), its message prefixed with the binding's index.
     */
    protected void reportBindingError(int binding, int size, Map<Character, String> fields) {
        HashMap<Character, String> named = new HashMap<>(fields);
        named.put('M', "Batch binding " + binding + " of " + size + ": " + fields.getOrDefault('M', ""));
        onServerError(named);
    }

    /** Whether a row, count or error was already handed to the subscriber (a retry would duplicate it). */
    boolean emittedAny() {
        return emittedAny;
    }

    @Override
    public void onComplete() {
        emitter.complete();
    }

    @Override
    public void onError(Throwable error) {
        emitter.fail(error);
    }

    @Override
    public boolean hasDemand() {
        return emitter.hasDemand();
    }
}
