package dev.r2dbcpg.core.types;

import java.util.List;

/**
 * A PostgreSQL {@code polygon}: a closed sequence of at least one point.
 *
 * @param points the vertices, copied into an immutable list
 */
public record Polygon(List<Point> points) {

    /**
     * Copies the points and checks that there is at least one.
     *
     * @param points the vertices
     * @throws IllegalArgumentException when {@code points} is empty
     */
    public Polygon {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("A polygon needs at least one point");
        }
    }

    /**
     * Returns the polygon in PostgreSQL syntax.
     *
     * @return e.g. {@code ((0,0),(1,1),(1,0))}
     */
    @Override
    public String toString() {
        return Geometry.points('(', points, ')');
    }
}
