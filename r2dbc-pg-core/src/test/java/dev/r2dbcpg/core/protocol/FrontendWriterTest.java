package dev.r2dbcpg.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FrontendWriterTest {

    private static final byte[] S1 = "s1".getBytes(StandardCharsets.UTF_8);

    private static String written(Consumer<ByteBuf> writer) {
        ByteBuf out = Unpooled.buffer();
        try {
            writer.accept(out);
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    @Test
    void writesStartupMessageWithFixedParametersThenExtraOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("search_path", "x");
        assertThat(written(out -> FrontendWriter.writeStartupMessage(out, FrontendWriter.PROTOCOL_3_0, "bob", "db",
                "app", options))).isEqualTo("00000079" + "00030000"
                        + "7573657200" + "626f6200" + "646174616261736500" + "646200"
                        + "6170706c69636174696f6e5f6e616d6500" + "61707000"
                        + "636c69656e745f656e636f64696e6700" + "5554463800"
                        + "446174655374796c6500" + "49534f00"
                        + "65787472615f666c6f61745f64696769747300" + "3300"
                        + "7365617263685f7061746800" + "7800" + "00");
    }

    @Test
    void writesProtocol32VersionNumber() {
        assertThat(written(out -> FrontendWriter.writeStartupMessage(out, FrontendWriter.PROTOCOL_3_2, "u", null,
                null, Map.of()))).startsWith("00000048" + "00030002" + "7573657200" + "7500" + "636c69656e74");
    }

    @Test
    void writesSSLRequest() {
        assertThat(written(FrontendWriter::writeSSLRequest)).isEqualTo("0000000804d2162f");
    }

    @Test
    void writesCancelRequestWithFourByteKey() {
        assertThat(written(out -> FrontendWriter.writeCancelRequest(out, 1234, new byte[] {1, 2, 3, 4})))
                .isEqualTo("0000001004d2162e000004d201020304");
    }

    @Test
    void writesCancelRequestWithLongProtocol32Key() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        assertThat(written(out -> FrontendWriter.writeCancelRequest(out, 1234, key)))
                .isEqualTo("0000002c04d2162e000004d2000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    }

    @Test
    void writesPasswordMessageWithTerminator() {
        assertThat(written(out -> FrontendWriter.writePasswordMessage(out, "secret".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("700000000b73656372657400");
    }

    @Test
    void writesSASLInitialResponseWithAndWithoutData() {
        assertThat(written(out -> FrontendWriter.writeSASLInitialResponse(out, "SCRAM-SHA-256",
                "abc".getBytes(StandardCharsets.UTF_8)))).isEqualTo("7000000019534352414d2d5348412d3235360000000003616263");
        assertThat(written(out -> FrontendWriter.writeSASLInitialResponse(out, "SCRAM-SHA-256", null)))
                .isEqualTo("7000000016534352414d2d5348412d32353600ffffffff");
    }

    @Test
    void writesSASLResponse() {
        assertThat(written(out -> FrontendWriter.writeSASLResponse(out, "xyz".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("700000000778797a");
    }

    @Test
    void writesQueryAsUtf8() {
        assertThat(written(out -> FrontendWriter.writeQuery(out, "select 1"))).isEqualTo("510000000d73656c656374203100");
        assertThat(written(out -> FrontendWriter.writeQuery(out, "select 'é'")))
                .isEqualTo("510000001073656c6563742027c3a92700");
    }

    @Test
    void writesParseWithParameterTypes() {
        assertThat(written(out -> FrontendWriter.writeParse(out, S1, "select $1", new int[] {23})))
                .isEqualTo("500000001773310073656c65637420243100000100000017");
    }

    @Test
    void writesBindCopyingThePreEncodedParameterSectionWithoutConsumingIt() {
        ByteBuf values = Unpooled.buffer().writeShort(2).writeInt(4).writeInt(42).writeInt(-1);
        try {
            assertThat(written(out -> FrontendWriter.writeBind(out, FrontendWriter.unnamed(), S1, new short[] {1},
                    values, new short[] {1}))).isEqualTo("420000001e00733100000100010002000000040000002affffffff00010001");
            assertThat(values.readableBytes()).isEqualTo(14);
        } finally {
            values.release();
        }
    }

    @Test
    void writesDescribeExecuteCloseSyncFlushTerminate() {
        assertThat(written(out -> FrontendWriter.writeDescribe(out, FrontendWriter.PORTAL, FrontendWriter.unnamed())))
                .isEqualTo("44000000065000");
        assertThat(written(out -> FrontendWriter.writeExecute(out, FrontendWriter.unnamed(), 100)))
                .isEqualTo("45000000090000000064");
        assertThat(written(out -> FrontendWriter.writeClose(out, FrontendWriter.STATEMENT, S1)))
                .isEqualTo("430000000853733100");
        assertThat(written(FrontendWriter::writeSync)).isEqualTo("5300000004");
        assertThat(written(FrontendWriter::writeFlush)).isEqualTo("4800000004");
        assertThat(written(FrontendWriter::writeTerminate)).isEqualTo("5800000004");
    }

    @Test
    void writesCopyMessages() {
        ByteBuf data = Unpooled.copiedBuffer("ab", StandardCharsets.UTF_8);
        try {
            assertThat(written(out -> FrontendWriter.writeCopyData(out, data))).isEqualTo("64000000066162");
        } finally {
            data.release();
        }
        assertThat(written(FrontendWriter::writeCopyDone)).isEqualTo("6300000004");
        assertThat(written(out -> FrontendWriter.writeCopyFail(out, "no"))).isEqualTo("66000000076e6f00");
    }

    @Test
    void appendsAfterExistingContentAndPatchesOnlyItsOwnLength() {
        assertThat(written(out -> {
            FrontendWriter.writeSync(out);
            FrontendWriter.writeQuery(out, "select 1");
        })).isEqualTo("5300000004" + "510000000d73656c656374203100");
    }
}
