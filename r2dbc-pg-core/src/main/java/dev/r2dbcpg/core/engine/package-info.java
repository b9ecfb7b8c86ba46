/**
 * The statement engine, internal: runs SQL on one connection (the executor, its sinks and result stream, the
 * prepared-statement cache, the type discovery and the values bound to a statement) on behalf of the SPI objects
 * of {@code dev.r2dbcpg.core}. Not exported by the module; nothing here is API.
 */
@NullMarked
package dev.r2dbcpg.core.engine;

import org.jspecify.annotations.NullMarked;
