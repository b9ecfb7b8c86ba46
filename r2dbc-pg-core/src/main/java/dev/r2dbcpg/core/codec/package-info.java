/**
 * Codecs between PostgreSQL values on the wire (text and binary format) and Java objects.
 *
 * <p>{@link dev.r2dbcpg.core.codec.CodecRegistry} finds a {@link dev.r2dbcpg.core.codec.Codec}
 * by type OID (once per result column) and by Java class (once per bound value). Codecs read
 * with absolute indices and never take ownership of the buffers they are given.
 */
@org.jspecify.annotations.NullMarked
package dev.r2dbcpg.core.codec;
