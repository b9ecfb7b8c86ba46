package dev.r2dbcpg.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackendMessagesTest {

    private static ByteBuf body(ByteBuf message) {
        return message.skipBytes(5);
    }

    @ParameterizedTest
    @CsvSource({"INSERT 0 5, 5", "UPDATE 3, 3", "DELETE 0, 0", "SELECT 12, 12", "MERGE 2, 2", "COPY 7, 7",
            "MOVE 4, 4", "FETCH 9, 9", "CREATE TABLE, -1", "BEGIN, -1", "SELECT 4000000000, 4000000000"})
    void readsRowsAffectedFromCommandTag(String tag, long rows) {
        assertThat(BackendMessages.rowsAffected(tag)).isEqualTo(rows);
    }

    @Test
    void parsesRowDescriptionColumns() {
        ByteBuf m = Backend.message('T', b -> {
            b.writeShort(1);
            Backend.cstring(b, "id");
            b.writeInt(16384).writeShort(1).writeInt(23).writeShort(4).writeInt(-1).writeShort(1);
        });
        try {
            RowDescription d = BackendMessages.parseRowDescription(body(m));
            assertThat(d.columns()).containsExactly(new RowDescription.Column("id", 16384, (short) 1, 23, (short) 4,
                    -1, (short) 1));
            assertThat(m.isReadable()).isFalse();
        } finally {
            m.release();
        }
    }

    @Test
    void parsesErrorFieldsInOrder() {
        ByteBuf m = Backend.error("42P01", "relation \"x\" does not exist");
        try {
            Map<Character, String> fields = BackendMessages.parseFields(body(m));
            assertThat(fields).containsExactly(Map.entry('S', "ERROR"), Map.entry('V', "ERROR"),
                    Map.entry('C', "42P01"), Map.entry('M', "relation \"x\" does not exist"));
        } finally {
            m.release();
        }
    }

    @Test
    void parsesNotificationAndBackendKeyData() {
        ByteBuf n = Backend.notification(7, "ch", "héllo");
        ByteBuf k = Backend.backendKeyData(9, new byte[] {1, 2, 3, 4});
        try {
            assertThat(BackendMessages.parseNotification(body(n))).isEqualTo(new Notification(7, "ch", "héllo"));
            BackendKeyData key = BackendMessages.parseBackendKeyData(body(k));
            assertThat(key.processId()).isEqualTo(9);
            assertThat(key.secretKey()).containsExactly(1, 2, 3, 4);
        } finally {
            n.release();
            k.release();
        }
    }

    @Test
    void parsesParameterDescription() {
        ByteBuf m = Backend.parameterDescription(23, 25);
        try {
            assertThat(BackendMessages.parseParameterDescription(body(m))).containsExactly(23, 25);
        } finally {
            m.release();
        }
    }
}
