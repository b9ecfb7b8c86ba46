package dev.r2dbcpg.core.types;

/**
 * A PostgreSQL {@code box}. Like the server, the constructor normalises any two opposite corners
 * into the upper-right corner {@code high} and the lower-left corner {@code low}, so
 * {@code new Box(new Point(0, 0), new Point(1, 1))} equals {@code new Box(new Point(1, 1), new Point(0, 0))}.
 *
 * @param high the upper-right corner (largest x and y)
 * @param low  the lower-left corner (smallest x and y)
 */
public record Box(Point high, Point low) {

    /**
     * Normalises the corners.
     *
     * @param high one corner
     * @param low  the opposite corner
     */
    public Box {
        Point h = new Point(Math.max(high.x(), low.x()), Math.max(high.y(), low.y()));
        Point l = new Point(Math.min(high.x(), low.x()), Math.min(high.y(), low.y()));
        high = h;
        low = l;
    }

    /**
     * Returns the box in PostgreSQL syntax.
     *
     * @return e.g. {@code (1,1),(0,0)}
     */
    @Override
    public String toString() {
        return high + "," + low;
    }
}
