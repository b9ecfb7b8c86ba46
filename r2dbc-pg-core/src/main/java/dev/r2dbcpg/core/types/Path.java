package dev.r2dbcpg.core.types;

import java.util.List;

/**
 * A PostgreSQL {@code path}: an open or closed sequence of at least one point.
 *
 * @param points the points, copied into an immutable list
 * @param closed whether the last point connects back to the first
 */
public record Path(List<Point> points, boolean closed) {

    /**
     * Copies the points and checks that there is at least one.
     *
     * @param points the points
     * @param closed whether the path is closed
     * @throws IllegalArgumentException when {@code points} is empty
     */
    public Path {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("A path needs at least one point");
        }
    }

    /**
     * Returns the path in PostgreSQL syntax.
     *
     * @return {@code [(0,0),(1,1)]} when open, {@code ((0,0),(1,1))} when closed
     */
    @Override
    public String toString() {
        return Geometry.points(closed ? '(' : '[', points, closed ? ')' : ']');
    }
}
