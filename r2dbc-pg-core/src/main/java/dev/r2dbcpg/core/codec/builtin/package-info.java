/**
 * The built-in codecs, one file per type family, registered in
 * {@link dev.r2dbcpg.core.codec.builtin.BuiltinCodecs}.
 */
@org.jspecify.annotations.NullMarked
package dev.r2dbcpg.core.codec.builtin;
