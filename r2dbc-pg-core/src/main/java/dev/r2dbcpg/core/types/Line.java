package dev.r2dbcpg.core.types;

/**
 * A PostgreSQL {@code line}: the infinite line {@code ax + by + c = 0}. PostgreSQL rejects
 * {@code a} and {@code b} both zero; this type does not check, the server does.
 *
 * @param a the x coefficient
 * @param b the y coefficient
 * @param c the constant
 */
public record Line(double a, double b, double c) {

    /**
     * Returns the line in PostgreSQL syntax.
     *
     * @return e.g. {@code {1,-1,0}}
     */
    @Override
    public String toString() {
        return "{" + Geometry.format(a) + "," + Geometry.format(b) + "," + Geometry.format(c) + "}";
    }
}
