package dev.r2dbcpg.bench;

import dev.r2dbcpg.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where the benchmarks connect (TCP, no TLS, the superuser) and the tables they use.
 *
 * <p>Tables, created once by {@link #prepare()} and left in place between runs:
 * <ul>
 *   <li>{@code bench_point(id int4 primary key, name text, val int8)}: {@value #POINT_ROWS} rows, {@code val =
 *       id * 7 + 3} (W1, W2);</li>
 *   <li>{@code bench_stream(id int8, txt text, val float8, ts timestamptz)}: {@value #STREAM_ROWS} rows (W3);</li>
 *   <li>{@code bench_load}, same columns, emptied before every W4 invocation;</li>
 *   <li>{@code bench_tx(id bigserial primary key, val int8, note text)} (W5);</li>
 *   <li>{@code bench_decode(id int4 primary key, ...)}: {@value #DECODE_ROWS} rows of the {@link DecodeColumn}s,
 *       one column per type a W7 family reads (created again when its columns change).</li>
 * </ul>
 */
record BenchDatabase(String host, int port, String database, String user, String password) {

    static final int POINT_ROWS = 10_000;
    static final int STREAM_ROWS = 1_000_000;
    static final int DECODE_ROWS = 10_000;

    /** The SQL of W1 and W2; {@code $1} is the id. */
    static final String POINT_SELECT = "SELECT id, name, val FROM bench_point WHERE id = $1";
    /** The SQL of W3. */
    static final String STREAM_SELECT = "SELECT id, txt, val, ts FROM bench_stream";
    /** The first statement of W5. */
    static final String TX_INSERT = "INSERT INTO bench_tx (val, note) VALUES ($1, $2) RETURNING id";
    /** The second statement of W5. */
    static final String TX_SELECT = "SELECT val FROM bench_tx WHERE id = $1";

    /** The value {@code bench_point} holds for {@code id}. */
    static long pointValue(int id) {
        return id * 7L + 3;
    }

    /**
     * The database of this JVM: the fixture's shared server ({@code -Dpg.test.url} in a JMH fork, set by
     * {@link BenchMain}), with the tables prepared. Called from every benchmark's trial set-up.
     */
    static BenchDatabase shared() {
        return Shared.DATABASE;
    }

    private static final class Shared {
        static final BenchDatabase DATABASE = of(dev.r2dbcpg.testing.PostgresFixture.shared());

        static {
            DATABASE.prepare();
        }
    }

    /** The server's connection details; the benchmarks always use the superuser. */
    static BenchDatabase of(PostgresServer server) {
        return new BenchDatabase(server.host(), server.port(), server.database(), server.superuser().user(),
                server.superuser().password());
    }

    /** A pgjdbc URL without TLS. */
    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=disable";
    }

    /** A plain pgjdbc connection for set-up and checks (not a measured driver). */
    Connection admin() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /** Creates and fills the tables unless a previous run already did. */
    void prepare() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_point (id int4 PRIMARY KEY, name text NOT NULL, val int8 NOT NULL)");
            if (count(s, "bench_point") != POINT_ROWS) {
                s.execute("TRUNCATE bench_point");
                s.execute("INSERT INTO bench_point SELECT g, 'name-' || g, g * 7 + 3 FROM generate_series(1, "
                        + POINT_ROWS + ") g");
                s.execute("VACUUM ANALYZE bench_point");
            }
            s.execute("CREATE TABLE IF NOT EXISTS bench_stream (id int8 NOT NULL, txt text NOT NULL, "
                    + "val float8 NOT NULL, ts timestamptz NOT NULL)");
            if (count(s, "bench_stream") != STREAM_ROWS) {
                s.execute("TRUNCATE bench_stream");
                s.execute("INSERT INTO bench_stream SELECT g, md5(g::text), g * 0.5, "
                        + "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' FROM generate_series(1, "
                        + STREAM_ROWS + ") g");
                s.execute("VACUUM ANALYZE bench_stream");
            }
            s.execute("CREATE TABLE IF NOT EXISTS bench_load (id int8 NOT NULL, txt text NOT NULL, "
                    + "val float8 NOT NULL, ts timestamptz NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS bench_tx (id bigserial PRIMARY KEY, val int8 NOT NULL, note text NOT NULL)");
            prepareDecode(s);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the benchmark tables: " + e.getMessage(), e);
        }
    }

    private static void prepareDecode(Statement s) throws SQLException {
        DecodeColumn[] columns = DecodeColumn.values();
        String names = Arrays.stream(columns).map(c -> c.column).collect(Collectors.joining(", "));
        String expectedColumns = "id, " + names;
        String existing;
        try (ResultSet rs = s.executeQuery("SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) "
                + "FROM information_schema.columns WHERE table_schema = current_schema() "
                + "AND table_name = 'bench_decode'")) {
            rs.next();
            existing = rs.getString(1);
        }
        if (expectedColumns.equals(existing) && count(s, "bench_decode") == DECODE_ROWS) {
            return;
        }
        s.execute("DROP TABLE IF EXISTS bench_decode");
        s.execute("CREATE TABLE bench_decode (id int4 PRIMARY KEY, " + Arrays.stream(columns)
                .map(c -> c.column + " " + c.type + " NOT NULL").collect(Collectors.joining(", ")) + ")");
        s.execute("INSERT INTO bench_decode (" + expectedColumns + ") SELECT g, " + Arrays.stream(columns)
                .map(c -> c.generator).collect(Collectors.joining(", ")) + " FROM generate_series(1, "
                + DECODE_ROWS + ") g");
        s.execute("VACUUM ANALYZE bench_decode");
    }

    /** The row count and checksum of {@code family}'s columns of {@code bench_decode}, computed by the server. */
    DecodeTotals expectedDecodeTotals(DecodeFamily family) {
        try (Connection c = admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(family.expectedTotalsSql())) {
            rs.next();
            // the exact sum, reduced to 64 bits as the Java side's long additions wrap
            long checksum = rs.getBigDecimal(2).toBigIntegerExact().longValue();
            return new DecodeTotals(family, rs.getLong(1), checksum);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the decode totals of " + family + ": " + e.getMessage(), e);
        }
    }

    /** What {@code bench_stream} holds, computed by the server. */
    StreamTotals expectedStreamTotals() {
        String sql = "SELECT count(*), sum(id), sum(length(txt)), sum(extract(epoch FROM ts))::int8, sum(val) "
                + "FROM bench_stream";
        try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new StreamTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the stream totals: " + e.getMessage(), e);
        }
    }

    /** Runs one statement through the admin connection. */
    void execute(String sql) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** {@code count(*)} and {@code sum(id)} of a table, as {@code [count, sum]}. */
    long[] countAndSum(String table) {
        try (Connection c = admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(id), 0) FROM " + table)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count " + table + ": " + e.getMessage(), e);
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
