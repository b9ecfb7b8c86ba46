package dev.r2dbcpg.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * pgjdbc behind HikariCP, used as a JDBC application would: every operation borrows a connection from the
 * pool and returns it. pgjdbc cannot pipeline, so W2 runs its 64 requests on one thread per connection.
 * SQL uses {@code ?} where the others use {@code $1}.
 */
final class JdbcDriver implements BenchDriver {

    private static final String POINT_SELECT = jdbc(BenchDatabase.POINT_SELECT);
    private static final String STREAM_SELECT = BenchDatabase.STREAM_SELECT + " WHERE id > ?";
    private static final String TX_INSERT = jdbc(BenchDatabase.TX_INSERT);
    private static final String TX_SELECT = jdbc(BenchDatabase.TX_SELECT);
    private static final String INSERT = LoadRows.insertSql(LoadRows.ROWS_PER_INSERT).replaceAll("\\$\\d+", "?");
    /** Rows per round trip when streaming: pgjdbc reads the whole result into memory without a fetch size. */
    static final int STREAM_FETCH_SIZE = 10_000;

    private final HikariDataSource pool;
    private final ExecutorService workers;

    JdbcDriver(HikariDataSource pool, int connections) {
        this.pool = pool;
        this.workers = Executors.newFixedThreadPool(connections);
    }

    static String jdbc(String sql) {
        return sql.replace("$1", "?").replace("$2", "?");
    }

    @Override
    public long pointSelect(int id) {
        try (Connection c = pool.getConnection()) {
            return select(c, id);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static long select(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(POINT_SELECT)) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new WrongResultException("no bench_point row for id " + id);
                }
                long val = BenchDriver.checkPoint(id, rs.getInt(1), rs.getString(2), rs.getLong(3));
                if (rs.next()) {
                    throw new WrongResultException("more than one bench_point row for id " + id);
                }
                return val;
            }
        }
    }

    @Override
    public long pointSelectConcurrently(int[] ids) {
        List<Future<Long>> selects = new ArrayList<>(ids.length);
        for (int id : ids) {
            selects.add(workers.submit(() -> pointSelect(id)));
        }
        long sum = 0;
        try {
            for (Future<Long> select : selects) {
                sum += select.get(2, TimeUnit.MINUTES);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("pgjdbc did not answer within 2 minutes", e);
        }
        return sum;
    }

    @Override
    public StreamTotals stream() {
        StreamTotals totals = new StreamTotals();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false); // a fetch size only streams inside a transaction
            try (PreparedStatement ps = c.prepareStatement(STREAM_SELECT)) {
                ps.setFetchSize(STREAM_FETCH_SIZE);
                ps.setLong(1, 0L);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        totals.add(rs.getLong(1), rs.getString(2), rs.getDouble(3),
                                rs.getObject(4, OffsetDateTime.class));
                    }
                }
            }
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw failed(e);
        }
        return totals;
    }

    /** The 10,000 rows are read the JDBC default way, all fetched before the first {@code next()}. */
    @Override
    public DecodeTotals decode(DecodeFamily family) {
        DecodeTotals totals = new DecodeTotals(family);
        int columns = totals.columns();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(jdbc(family.select()))) {
            ps.setInt(1, 0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < columns; i++) {
                        totals.add(i, rs.getObject(i + 1));
                    }
                    totals.endRow();
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return totals;
    }

    @Override
    public long insertBatches(LoadRows rows) {
        long inserted = 0;
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            int perInsert = LoadRows.ROWS_PER_INSERT;
            for (int start = 0; start < rows.size(); start += perInsert) {
                for (int r = 0; r < perInsert; r++) {
                    int i = start + r;
                    int p = r * 4;
                    ps.setLong(p + 1, rows.ids[i]);
                    ps.setString(p + 2, rows.texts[i]);
                    ps.setDouble(p + 3, rows.values[i]);
                    ps.setObject(p + 4, rows.timestamps[i]);
                }
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                inserted += count;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return inserted;
    }

    @Override
    public long transaction(long value) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement ps = c.prepareStatement(TX_INSERT)) {
                ps.setLong(1, value);
                ps.setString(2, "w5");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            long read;
            try (PreparedStatement ps = c.prepareStatement(TX_SELECT)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new WrongResultException("W5 row " + id + " not read back");
                    }
                    read = rs.getLong(1);
                }
            }
            c.commit();
            c.setAutoCommit(true);
            return read;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        pool.close();
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("pgjdbc: " + e.getMessage(), e);
    }
}
