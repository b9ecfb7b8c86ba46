package dev.r2dbcpg.core.client;

import dev.r2dbcpg.core.config.SslMode;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TlsNegotiationTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    private CompletableFuture<Boolean> answer(SslMode mode, int... serverBytes) throws Exception {
        SslHandler ssl = TlsNegotiation.newHandler(TlsNegotiation.context(TlsSettings.of(mode)), channel,
                TlsSettings.of(mode), "localhost", 5432);
        CompletableFuture<Boolean> result = TlsNegotiation.sslRequest(channel, ssl, mode).toFuture();
        channel.runPendingTasks();
        ByteBuf request = channel.readOutbound();
        assertThat(ByteBufUtil.hexDump(request)).isEqualTo("0000000804d2162f");
        request.release();
        ByteBuf in = Unpooled.buffer();
        for (int b : serverBytes) {
            in.writeByte(b);
        }
        channel.writeInbound(in);
        return result;
    }

    @Test
    void preferContinuesInCleartextWhenTheServerSaysN() throws Exception {
        assertThat(answer(SslMode.PREFER, 'N')).isCompletedWithValue(false);
        assertThat(channel.pipeline().get(SslHandler.class)).isNull();
    }

    @Test
    void requireFailsWhenTheServerSaysN() throws Exception {
        assertThat(answer(SslMode.REQUIRE, 'N')).failsWithin(Duration.ZERO).withThrowableThat()
                .withCauseInstanceOf(R2dbcNonTransientResourceException.class)
                .withMessageContaining("sslmode is require");
    }

    @Test
    void refusesBytesInjectedAfterTheSAnswer() throws Exception {
        assertThat(answer(SslMode.REQUIRE, 'S', 'E', 0, 0, 0, 4)).failsWithin(Duration.ZERO).withThrowableThat()
                .withMessageContaining("unencrypted data after its answer");
        assertThat(channel.pipeline().get(SslHandler.class)).isNull();
    }

    @Test
    void failsOnAnErrorAnswerWithoutShowingTheServerText() throws Exception {
        assertThat(answer(SslMode.PREFER, 'E')).failsWithin(Duration.ZERO).withThrowableThat()
                .withMessageContaining("unexpected byte 0x45");
    }

    @Test
    void startsTheHandshakeFirstInThePipelineOnS() throws Exception {
        CompletableFuture<Boolean> result = answer(SslMode.REQUIRE, 'S');
        assertThat(channel.pipeline().first()).isInstanceOf(SslHandler.class);
        assertThat(result).isNotDone();
    }
}
