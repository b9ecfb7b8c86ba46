package dev.r2dbcpg.core.types;

/**
 * A PostgreSQL {@code lseg}: a finite line segment between two points, kept in the given order.
 *
 * @param start the first end point
 * @param end   the second end point
 */
public record LineSegment(Point start, Point end) {

    /**
     * Returns the segment in PostgreSQL syntax.
     *
     * @return e.g. {@code [(0,0),(1,1)]}
     */
    @Override
    public String toString() {
        return "[" + start + "," + end + "]";
    }
}
