package dev.r2dbcpg.core.types;

/**
 * A PostgreSQL {@code tid}: the physical location of a row version, {@code (block, offset)}.
 *
 * @param block  the block number, an unsigned 32-bit value
 * @param offset the tuple index within the block, an unsigned 16-bit value
 */
public record Tid(long block, int offset) {

    /**
     * Checks the ranges.
     *
     * @param block  0 to 4294967295
     * @param offset 0 to 65535
     * @throws IllegalArgumentException when a value is out of range
     */
    public Tid {
        if (block < 0 || block > 0xFFFF_FFFFL || offset < 0 || offset > 0xFFFF) {
            throw new IllegalArgumentException("Tid out of range: (" + block + "," + offset + ")");
        }
    }

    /**
     * Returns the tid in PostgreSQL syntax.
     *
     * @return e.g. {@code (0,1)}
     */
    @Override
    public String toString() {
        return "(" + block + "," + offset + ")";
    }
}
