/**
 * Immutable Java values for PostgreSQL types that have no standard Java counterpart: {@link
 * dev.r2dbcpg.core.types.Interval}, the network types ({@link dev.r2dbcpg.core.types.Inet},
 * {@link dev.r2dbcpg.core.types.Cidr}, {@link dev.r2dbcpg.core.types.MacAddress}), the geometric
 * types ({@link dev.r2dbcpg.core.types.Point} ... {@link dev.r2dbcpg.core.types.Circle}),
 * {@link dev.r2dbcpg.core.types.BitString}, {@link dev.r2dbcpg.core.types.Lsn} and
 * {@link dev.r2dbcpg.core.types.Tid}, and {@link dev.r2dbcpg.core.types.Range} /
 * {@link dev.r2dbcpg.core.types.Multirange}, and {@link dev.r2dbcpg.core.types.Composite} (composite types and
 * records, read only). Each other type binds as a statement parameter by its class and is what
 * {@code Row.get(i)} returns for its type; {@code toString()} prints PostgreSQL's text form.
 */
@org.jspecify.annotations.NullMarked
package dev.r2dbcpg.core.types;
