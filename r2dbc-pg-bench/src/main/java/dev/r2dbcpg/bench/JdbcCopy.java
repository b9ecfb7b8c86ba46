package dev.r2dbcpg.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** pgjdbc's {@code CopyManager}: COPY in text format, written in chunks of about 64 KiB. */
final class JdbcCopy implements BulkCopy {

    static final String COPY_SQL = "COPY bench_load (id, txt, val, ts) FROM STDIN";
    private static final int CHUNK = 64 * 1024;

    private final HikariDataSource pool;

    JdbcCopy(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public long copyIn(LoadRows rows) {
        try (Connection c = pool.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
            StringBuilder text = new StringBuilder(CHUNK + 256);
            for (int i = 0; i < rows.size(); i++) {
                CopyText.appendRow(text, rows.ids[i], rows.texts[i], rows.values[i], rows.timestamps[i]);
                if (text.length() >= CHUNK) {
                    write(copy, text);
                }
            }
            write(copy, text);
            return copy.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("pgjdbc COPY: " + e.getMessage(), e);
        }
    }

    private static void write(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    @Override
    public void close() {
        pool.close();
    }
}
