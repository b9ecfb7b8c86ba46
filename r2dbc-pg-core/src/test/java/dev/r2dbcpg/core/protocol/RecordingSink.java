package dev.r2dbcpg.core.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A sink that records what it is told as readable strings and releases every buffer. */
public final class RecordingSink implements ConversationSink {

    public final List<String> events = new ArrayList<>();
    public boolean demand = true;
    public Throwable error;

    @Override
    public void onParseComplete() {
        events.add("parsed");
    }

    @Override
    public void onParameterDescription(int[] typeOids) {
        events.add("params " + Arrays.toString(typeOids));
    }

    @Override
    public void onRowDescription(RowDescription description) {
        StringBuilder sb = new StringBuilder("columns");
        for (RowDescription.Column c : description.columns()) {
            sb.append(' ').append(c.name());
        }
        events.add(sb.toString());
    }

    @Override
    public void onNoData() {
        events.add("no data");
    }

    @Override
    public void onDataRow(ByteBuf row) {
        StringBuilder sb = new StringBuilder("row");
        int n = row.readShort();
        for (int i = 0; i < n; i++) {
            int len = row.readInt();
            sb.append(' ').append(len < 0 ? "NULL" : row.readCharSequence(len, StandardCharsets.UTF_8));
        }
        events.add(sb.toString());
    }

    @Override
    public void onCommandComplete(String tag, long rowsAffected) {
        events.add("complete " + tag + " -> " + rowsAffected);
    }

    @Override
    public void onEmptyQueryResponse() {
        events.add("empty");
    }

    @Override
    public void onPortalSuspended() {
        events.add("suspended");
    }

    @Override
    public void onCopyData(ByteBuf data) {
        try {
            events.add("copy " + data.toString(StandardCharsets.UTF_8));
        } finally {
            data.release();
        }
    }

    @Override
    public void onNotice(Map<Character, String> fields) {
        events.add("notice " + fields.get('M'));
    }

    @Override
    public void onServerError(Map<Character, String> fields) {
        events.add("server error " + fields.get('C') + " " + fields.get('M'));
    }

    @Override
    public void onBindingError(int binding, Map<Character, String> fields) {
        events.add("binding " + binding + " error " + fields.get('C'));
    }

    @Override
    public void onComplete() {
        events.add("done");
    }

    @Override
    public void onError(Throwable error) {
        this.error = error;
        events.add("failed");
    }

    @Override
    public boolean hasDemand() {
        return demand;
    }
}
