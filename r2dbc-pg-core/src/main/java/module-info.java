/**
 * r2dbc-pg: a reactive PostgreSQL driver for the R2DBC SPI.
 *
 * <p>Exported: the SPI objects ({@code dev.r2dbcpg.core}), codecs ({@code codec}), value types
 * ({@code types}), exceptions ({@code error}) and configuration ({@code config}). Internal: the statement
 * engine ({@code engine}), the wire protocol ({@code protocol}), the Netty client ({@code client}), the
 * built-in codecs ({@code codec.builtin}) and authentication ({@code auth}). On the class path the
 * descriptor is ignored and every package is visible; only the exported ones are supported API.
 */
module dev.r2dbcpg.core {
    requires transitive r2dbc.spi;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires transitive org.jspecify;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.handler;
    requires reactor.netty.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires jdk.net;
    requires java.security.jgss;

    exports dev.r2dbcpg.core;
    exports dev.r2dbcpg.core.codec;
    exports dev.r2dbcpg.core.config;
    exports dev.r2dbcpg.core.error;
    exports dev.r2dbcpg.core.types;

    provides io.r2dbc.spi.ConnectionFactoryProvider with dev.r2dbcpg.core.PgConnectionFactoryProvider;
}
