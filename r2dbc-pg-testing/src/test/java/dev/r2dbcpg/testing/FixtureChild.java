package dev.r2dbcpg.testing;

import java.io.IOException;

/**
 * Started in a child JVM by {@link NoLeftoverServerIT}: starts an embedded server, prints the
 * postmaster's pid, then exits at once ({@code exit}) or waits to be killed ({@code wait}).
 */
public final class FixtureChild {

    private FixtureChild() {
    }

    public static void main(String[] args) throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.start(PostgresFixture.configuredVersion());
        System.out.println("POSTMASTER_PID " + server.pid());
        System.out.flush();
        if (args.length > 0 && args[0].equals("wait")) {
            // Blocks until the parent closes our stdin or kills us.
            while (System.in.read() >= 0) {
                // keep reading
            }
        }
    }
}
