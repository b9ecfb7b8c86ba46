package dev.r2dbcpg.core.types;

/**
 * A PostgreSQL {@code circle}: a centre and a non-negative radius.
 *
 * @param center the centre
 * @param radius the radius
 */
public record Circle(Point center, double radius) {

    /**
     * Checks the radius.
     *
     * @param center the centre
     * @param radius the radius
     * @throws IllegalArgumentException when the radius is negative
     */
    public Circle {
        if (radius < 0) {
            throw new IllegalArgumentException("A circle's radius cannot be negative: " + radius);
        }
    }

    /**
     * Returns the circle in PostgreSQL syntax.
     *
     * @return e.g. {@code <(1,2),3>}
     */
    @Override
    public String toString() {
        return "<" + center + "," + Geometry.format(radius) + ">";
    }
}
