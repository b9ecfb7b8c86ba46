/** Runnable programs a newcomer starts first. */
@NullMarked
package dev.r2dbcpg.examples;

import org.jspecify.annotations.NullMarked;
