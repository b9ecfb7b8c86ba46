package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * A sink for conversations whose rows nobody reads (closing a statement, describing one, transaction control):
 * row descriptions, rows and command tags are dropped, COPY data is released, and server errors, completion and
 * failure are ignored. Subclasses override what they do want.
 */
public abstract class DroppingSink implements ConversationSink {

    @Override
    public void onRowDescription(RowDescription description) {
    }

    @Override
    public void onDataRow(ByteBuf row) {
        // Borrowed for the call only: nothing to keep, nothing to release.
    }

    @Override
    public void onCommandComplete(String tag, long rowsAffected) {
    }

    @Override
    public void onCopyData(ByteBuf data) {
        data.release();
    }

    @Override
    public void onServerError(Map<Character, String> fields) {
    }

    @Override
    public void onComplete() {
    }

    @Override
    public void onError(Throwable error) {
    }
}
