package dev.r2dbcpg.core.types;

/**
 * A PostgreSQL {@code point}: two float8 coordinates. Components compare as {@link Double#compare}
 * does (NaN equals NaN, 0.0 differs from -0.0).
 *
 * @param x the x coordinate
 * @param y the y coordinate
 */
public record Point(double x, double y) {

    /**
     * Returns the point in PostgreSQL syntax.
     *
     * @return e.g. {@code (1.5,-2)}
     */
    @Override
    public String toString() {
        return "(" + Geometry.format(x) + "," + Geometry.format(y) + ")";
    }
}
