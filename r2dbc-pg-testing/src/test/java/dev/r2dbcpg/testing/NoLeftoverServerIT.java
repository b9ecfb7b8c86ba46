package dev.r2dbcpg.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** After the JVM that started a server exits, however it exits, no PostgreSQL process is left. */
class NoLeftoverServerIT {

    @Test
    void serverStopsWhenTheJvmExits() throws Exception {
        assumeEmbedded();
        Process child = startChild("exit");
        long pid = readPostmasterPid(child);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertGone(pid);
    }

    @Test
    void serverStopsWhenTheJvmIsKilled() throws Exception {
        assumeEmbedded();
        Process child = startChild("wait");
        long pid = readPostmasterPid(child);
        assertThat(ProcessHandle.of(pid)).isPresent();
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertGone(pid);
    }

    private static void assumeEmbedded() {
        assumeTrue(PostgresFixture.externalUrl(System.getenv()) == null, "PG_TEST_URL names an external server");
        assumeTrue(Boolean.getBoolean("pg.embedded") || !PostgresFixture.shared().kind().equals(PostgresServer.Kind.CONTAINER),
                "servers run in containers here");
    }

    private static Process startChild(String mode) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        for (String property : new String[] {"pg.maven.repo", "pg.version", "java.io.tmpdir"}) {
            String value = System.getProperty(property);
            if (value != null) {
                cmd.add("-D" + property + "=" + value);
            }
        }
        cmd.add(FixtureChild.class.getName());
        cmd.add(mode);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static long readPostmasterPid(Process child) throws Exception {
        CompletableFuture<Long> pid = CompletableFuture.supplyAsync(() -> {
            // Not closed here: once the pid is read, the reader is handed to a drainer.
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            try {
                StringBuilder seen = new StringBuilder();
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("POSTMASTER_PID ")) {
                        long value = Long.parseLong(line.substring("POSTMASTER_PID ".length()).trim());
                        // Keep draining the child's output so it never blocks on a full pipe.
                        CompletableFuture.runAsync(() -> drain(out));
                        return value;
                    }
                    seen.append(line).append('\n');
                }
                throw new IllegalStateException("The child JVM printed no pid:\n" + seen);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return pid.get(180, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            child.destroyForcibly();
            throw e;
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    private static void assertGone(long pid) throws Exception {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(60, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("postmaster %d is gone", pid).isEmpty();
    }
}
