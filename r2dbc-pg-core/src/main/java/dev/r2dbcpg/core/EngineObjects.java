package dev.r2dbcpg.core;

import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.engine.SpiObjects;
import dev.r2dbcpg.core.protocol.RowDescription;
import io.netty.buffer.ByteBuf;
import io.r2dbc.spi.Result;
import java.time.ZoneId;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/** The engine's access to this package's constructors (see {@link SpiObjects}). */
final class EngineObjects extends SpiObjects {

    static {
        install(new EngineObjects());
    }

    private EngineObjects() {
    }

    @Override
    protected PgRowMetadata metadata(RowDescription description, CodecRegistry codecs, Supplier<ZoneId> timeZone) {
        return new PgRowMetadata(description, codecs, timeZone);
    }

    @Override
    protected PgRow row(PgRowMetadata metadata, ByteBuf data) {
        return new PgRow(metadata, data);
    }

    @Override
    protected void release(PgRow row) {
        row.release();
    }

    @Override
    protected PgOutParameters outParameters(PgRow row) {
        return new PgOutParameters(row);
    }

    @Override
    protected PgRow rowOf(PgOutParameters outParameters) {
        return outParameters.row();
    }

    @Override
    protected PgResult result(Flux<Result.Segment> segments) {
        return new PgResult(segments);
    }

    @Override
    protected Flux<Result.Segment> segments(PgResult result) {
        return result.segments();
    }
}
