package dev.r2dbcpg.core.engine;

import dev.r2dbcpg.core.PgRow;
import dev.r2dbcpg.core.PgRowMetadata;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.protocol.DroppingSink;
import dev.r2dbcpg.core.protocol.Conversation;
import dev.r2dbcpg.core.protocol.ExtendedQuery;
import dev.r2dbcpg.core.protocol.RowDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's way of running the type look-up ({@link TypeDiscovery#CLOSURE_SQL}) in the middle
 * of a request, between a statement's Prepare and its Bind/Execute. It is an extended-protocol query
 * on a statement of its own (never the unnamed one, which may hold the user's statement), parsed on
 * first use and reused, and it is not pipelinable, so that nothing else is written before the
 * request it serves continues. A failed look-up is logged and the request continues with the text
 * fallback for the types it did not learn. Event loop only.
 */
public final class TypeLookup {

    private static final Logger LOG = LoggerFactory.getLogger(TypeLookup.class);
    private static final byte[] NAME = "r2dbcpg_types".getBytes(StandardCharsets.US_ASCII);
    private static final int[] PARAMETER_TYPES = {Oids.OID_ARRAY};
    private static final short[] TEXT = {Format.TEXT.code()};

    private final TypeDiscovery discovery;
    private boolean prepared;

    TypeLookup(TypeDiscovery discovery) {
        this.discovery = discovery;
    }

    TypeDiscovery discovery() {
        return discovery;
    }

    /**
     * The conversation that looks up {@code oids}, learns their codecs and then runs {@code then}
     * (from its completion, on the event loop); {@code failed} gets a connection failure instead.
     */
    Conversation conversation(int[] oids, Runnable then, Consumer<Throwable> failed) {
        ByteBuf parameters = ByteBufAllocator.DEFAULT.ioBuffer();
        parameters.writeShort(1);
        int lengthAt = parameters.writerIndex();
        parameters.writeInt(0);
        int written = ByteBufUtil.writeUtf8(parameters, TypeDiscovery.oidArray(oids));
        parameters.setInt(lengthAt, written);
        boolean parse = !prepared;
        prepared = true;
        // A fetch size makes the query unpipelinable: later requests wait for its answer.
        return new ExtendedQuery(NAME, parse ? TypeDiscovery.CLOSURE_SQL : null, PARAMETER_TYPES, TEXT, parameters,
                TEXT, true, Integer.MAX_VALUE, new Sink(oids, then, failed));
    }

    /** Collects the look-up's rows and learns from them at the end. */
    private final class Sink extends DroppingSink {

        private final int[] oids;
        private final Runnable then;
        private final Consumer<Throwable> failed;
        private final List<TypeDiscovery.TypeRow> rows = new ArrayList<>();
        private @Nullable PgRowMetadata metadata;
        private @Nullable Map<Character, String> error;

        Sink(int[] oids, Runnable then, Consumer<Throwable> failed) {
            this.oids = oids;
            this.then = then;
            this.failed = failed;
        }

        @Override
        public void onRowDescription(RowDescription description) {
            // Catalog columns only: no timestamptz to print in a session time zone.
            metadata = SpiObjects.get().metadata(description, discovery.codecs(), () -> ZoneOffset.UTC);
        }

        @Override
        public void onDataRow(ByteBuf row) {
            PgRowMetadata m = metadata;
            if (m == null) {
                throw new IllegalStateException("Protocol violation: DataRow without a RowDescription");
            }
            PgRow pgRow = SpiObjects.get().row(m, row.retain());
            try {
                rows.add(TypeDiscovery.TypeRow.of(pgRow));
            } finally {
                SpiObjects.get().release(pgRow);
            }
        }

        @Override
        public void onServerError(Map<Character, String> fields) {
            error = fields;
        }

        @Override
        public void onComplete() {
            Map<Character, String> e = error;
            if (e != null) {
                // The statement may be gone (DISCARD ALL) or never parsed: parse it next time.
                prepared = false;
                LOG.warn("Looking up PostgreSQL types {} failed ({} {}); their values are read as text",
                        TypeDiscovery.oidArray(oids), e.get('C'), e.get('M'));
            } else {
                try {
                    discovery.learn(rows, oids, Set.of());
                } catch (RuntimeException x) {
                    LOG.warn("Could not build codecs for PostgreSQL types {}; their values are read as text",
                            TypeDiscovery.oidArray(oids), x);
                }
            }
            then.run();
        }

        @Override
        public void onError(Throwable error) {
            failed.accept(error);
        }

        @Override
        public boolean hasDemand() {
            return true;
        }
    }
}
