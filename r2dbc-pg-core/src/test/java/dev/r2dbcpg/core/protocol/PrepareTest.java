package dev.r2dbcpg.core.protocol;

import static dev.r2dbcpg.core.protocol.Backend.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrepareTest {

    private static final byte[] S1 = "s1".getBytes(StandardCharsets.UTF_8);
    private final RecordingSink sink = new RecordingSink();
    private final FakeTransport transport = new FakeTransport();

    @Test
    void describesParametersAndRows() {
        Prepare prepare = new Prepare(S1, "select $1::int4 as a", new int[0], sink);
        assertThat(transport.start(prepare)).isEqualTo("500000001e733100" + "73656c6563742024313a3a696e7434206173206100"
                + "0000" + "4400000008537331" + "00" + "5300000004");
        FakeTransport.feed(prepare, concat(empty('1'), parameterDescription(23), rowDescription("a"),
                readyForQuery('I')));
        assertThat(sink.events).containsExactly("parsed", "params [23]", "columns a", "done");
    }

    @Test
    void describesStatementWithoutRows() {
        Prepare prepare = new Prepare(S1, "update t set x = $1", new int[] {23}, sink);
        transport.start(prepare);
        FakeTransport.feed(prepare, concat(empty('1'), parameterDescription(23), empty('n'), readyForQuery('I')));
        assertThat(sink.events).containsExactly("parsed", "params [23]", "no data", "done");
    }

    @Test
    void reportsParseError() {
        Prepare prepare = new Prepare(S1, "selec", new int[0], sink);
        transport.start(prepare);
        FakeTransport.feed(prepare, concat(error("42601", "syntax error"), readyForQuery('I')));
        assertThat(sink.events).containsExactly("server error 42601 syntax error", "done");
    }

    @Test
    void rejectsReadyForQueryBeforeDescription() {
        Prepare prepare = new Prepare(S1, "select 1", new int[0], sink);
        transport.start(prepare);
        assertThatThrownBy(() -> FakeTransport.feed(prepare, concat(empty('1'), readyForQuery('I'))))
                .hasMessageContaining("ReadyForQuery in state DESCRIBING_PARAMETERS of Prepare");
    }

    @Test
    void closesStatement() {
        CloseStatement close = new CloseStatement(S1, sink);
        assertThat(transport.start(close)).isEqualTo("430000000853733100" + "5300000004");
        FakeTransport.feed(close, concat(empty('3'), readyForQuery('T')));
        assertThat(sink.events).containsExactly("done");
    }
}
