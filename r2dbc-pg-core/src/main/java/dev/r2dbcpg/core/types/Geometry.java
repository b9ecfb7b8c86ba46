package dev.r2dbcpg.core.types;

import java.math.BigDecimal;
import java.util.List;

/** Prints float8 values and point lists the way PostgreSQL's geometric output functions do. */
final class Geometry {

    private Geometry() {
    }

    /**
     * The shortest text that reads back as the same double, in {@code %g} layout as
     * PostgreSQL's {@code float8out} prints it: plain between 1e-4 and 1e15, else {@code 1e+300}.
     */
    static String format(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        } else if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        } else if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= 15) {
            BigDecimal mantissa = exact.movePointLeft(exponent);
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return mantissa.toPlainString() + "e" + sign + (abs < 10 ? "0" : "") + abs;
        }
        return exact.toPlainString();
    }

    static String points(char open, List<Point> points, char close) {
        StringBuilder sb = new StringBuilder().append(open);
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(points.get(i));
        }
        return sb.append(close).toString();
    }
}
