/** Java value types for PostgreSQL types that have no natural JDK counterpart. */
@org.jspecify.annotations.NullMarked
package dev.r2dbcpg.core.types;
