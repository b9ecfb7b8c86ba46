package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.PgOutParameters;
import dev.r2dbcpg.core.PgResult;
import dev.r2dbcpg.core.PgRow;
import dev.r2dbcpg.core.PgRowMetadata;
import dev.r2dbcpg.core.codec.CodecRegistry;
import dev.r2dbcpg.core.protocol.RowDescription;
import io.netty.buffer.ByteBuf;
import io.r2dbc.spi.Result;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * How the engine makes and releases the root package's SPI objects (rows, row metadata, results) whose
 * constructors are not public API. The root package supplies the one implementation; it installs itself
 * when its class is loaded, which {@link #get()} forces on first use. The methods are protected, so only
 * this package calls them, and the package is not exported by the module.
 */
public abstract class SpiObjects {

    private static final String IMPLEMENTATION = "dev.r2dbcpg.core.EngineObjects";

    private static volatile @Nullable SpiObjects instance;

    /** Installs the root package's implementation; called once, from its static initializer. */
    protected static void install(SpiObjects objects) {
        instance = objects;
    }

    /** The root package's implementation, loading it on first use. */
    static SpiObjects get() {
        SpiObjects objects = instance;
        if (objects == null) {
            try {
                Class.forName(IMPLEMENTATION, true, SpiObjects.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("The driver's " + IMPLEMENTATION + " is missing", e);
            }
            objects = instance;
            if (objects == null) {
                throw new IllegalStateException(IMPLEMENTATION + " did not install itself");
            }
        }
        return objects;
    }

    protected abstract PgRowMetadata metadata(RowDescription description, CodecRegistry codecs,
            Supplier<ZoneId> timeZone);

    /** @param data ownership is transferred to the row */
    protected abstract PgRow row(PgRowMetadata metadata, ByteBuf data);

    protected abstract void release(PgRow row);

    protected abstract PgOutParameters outParameters(PgRow row);

    protected abstract PgRow rowOf(PgOutParameters outParameters);

    protected abstract PgResult result(Flux<Result.Segment> segments);

    /** The segments of a result as they come, unreleased (for tests of the stream that feeds them). */
    protected abstract Flux<Result.Segment> segments(PgResult result);
}
