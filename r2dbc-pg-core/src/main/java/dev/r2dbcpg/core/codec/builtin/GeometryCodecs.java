package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.types.Box;
import dev.r2dbcpg.core.types.Circle;
import dev.r2dbcpg.core.types.Line;
import dev.r2dbcpg.core.types.LineSegment;
import dev.r2dbcpg.core.types.Path;
import dev.r2dbcpg.core.types.Point;
import dev.r2dbcpg.core.types.Polygon;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometric types, each decoded as its value type in {@code dev.r2dbcpg.core.types} (or its
 * text form as {@code String}) and encoded from it by class. Binary: float8 values in order
 * (point x y; line a b c; lseg and box two points; circle x y r), path a closed flag byte and an
 * int4 count before its points, polygon an int4 count. Text: the server's syntax, whose numbers
 * are read in order and whose brackets only tell an open path ({@code [...]}) from a closed one.
 */
final class GeometryCodecs {

    static final GeometryCodec<Point> POINT = new GeometryCodec<>(Oids.POINT, "point", Point.class, 2);
    static final GeometryCodec<Line> LINE = new GeometryCodec<>(Oids.LINE, "line", Line.class, 3);
    static final GeometryCodec<LineSegment> LSEG = new GeometryCodec<>(Oids.LSEG, "lseg", LineSegment.class, 4);
    static final GeometryCodec<Box> BOX = new GeometryCodec<>(Oids.BOX, "box", Box.class, 4);
    static final GeometryCodec<Path> PATH = new GeometryCodec<>(Oids.PATH, "path", Path.class, -1);
    static final GeometryCodec<Polygon> POLYGON = new GeometryCodec<>(Oids.POLYGON, "polygon", Polygon.class, -1);
    static final GeometryCodec<Circle> CIRCLE = new GeometryCodec<>(Oids.CIRCLE, "circle", Circle.class, 3);

    private GeometryCodecs() {
    }

    /**
     * One codec shape for all seven types: the value is a list of doubles, fixed in number
     * ({@code count}) or, for path and polygon ({@code count} -1), points preceded by a header.
     */
    static final class GeometryCodec<T> extends AbstractCodec<T> {

        private final int count;

        GeometryCodec(int oid, String typeName, Class<T> javaType, int count) {
            super(oid, typeName, javaType, types(), types(javaType));
            this.count = count;
        }

        @Override
        T decodeValue(ByteBuf buf, int offset, int length, Format format) {
            boolean closed;
            double[] v;
            if (format == Format.BINARY) {
                int header = oid() == Oids.PATH ? 5 : oid() == Oids.POLYGON ? 4 : 0;
                int n = count >= 0 ? count : 2 * buf.getInt(offset + header - 4);
                if (n < 0 || length != header + 8L * n) {
                    throw CodecSupport.malformed(typeName(), format, buf, offset, length);
                }
                closed = oid() == Oids.PATH && buf.getByte(offset) != 0;
                v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = buf.getDouble(offset + header + 8 * i);
                }
            } else {
                String text = CodecSupport.ascii(buf, offset, length).trim();
                closed = !text.startsWith("[");
                v = numbers(text);
                if (v == null || (count >= 0 ? v.length != count : v.length % 2 != 0)) {
                    throw CodecSupport.malformed(typeName(), format, buf, offset, length);
                }
            }
            try {
                return javaType().cast(create(v, closed));
            } catch (IllegalArgumentException e) {
                throw CodecSupport.malformed(typeName(), format, buf, offset, length);
            }
        }

        private Object create(double[] v, boolean closed) {
            switch (oid()) {
                case Oids.POINT:
                    return new Point(v[0], v[1]);
                case Oids.LINE:
                    return new Line(v[0], v[1], v[2]);
                case Oids.LSEG:
                    return new LineSegment(new Point(v[0], v[1]), new Point(v[2], v[3]));
                case Oids.BOX:
                    return new Box(new Point(v[0], v[1]), new Point(v[2], v[3]));
                case Oids.CIRCLE:
                    return new Circle(new Point(v[0], v[1]), v[2]);
                case Oids.PATH:
                    return new Path(points(v), closed);
                default:
                    return new Polygon(points(v));
            }
        }

        private static List<Point> points(double[] v) {
            List<Point> points = new ArrayList<>(v.length / 2);
            for (int i = 0; i < v.length; i += 2) {
                points.add(new Point(v[i], v[i + 1]));
            }
            return points;
        }

        /** The numbers between the delimiters, or null when one does not parse. */
        private static double @org.jspecify.annotations.Nullable [] numbers(String text) {
            List<Double> values = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                if ("()[]{}<>, \t".indexOf(text.charAt(i)) >= 0) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < text.length() && "()[]{}<>, \t".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                String token = text.substring(start, i);
                char last = token.charAt(token.length() - 1);
                try {
                    // Java also reads "1d" and "1f"; PostgreSQL never prints them
                    if (Character.isLetter(last) && last != 'N' && last != 'y') {
                        return null;
                    }
                    values.add(Double.parseDouble(token));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            double[] result = new double[values.size()];
            for (int k = 0; k < result.length; k++) {
                result[k] = values.get(k);
            }
            return result;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            if (value instanceof Point) {
                writePoint(out, (Point) value);
            } else if (value instanceof Line) {
                Line line = (Line) value;
                out.writeDouble(line.a()).writeDouble(line.b()).writeDouble(line.c());
            } else if (value instanceof LineSegment) {
                writePoint(out, ((LineSegment) value).start());
                writePoint(out, ((LineSegment) value).end());
            } else if (value instanceof Box) {
                writePoint(out, ((Box) value).high());
                writePoint(out, ((Box) value).low());
            } else if (value instanceof Circle) {
                writePoint(out, ((Circle) value).center());
                out.writeDouble(((Circle) value).radius());
            } else if (value instanceof Path) {
                Path path = (Path) value;
                out.writeByte(path.closed() ? 1 : 0).writeInt(path.points().size());
                path.points().forEach(p -> writePoint(out, p));
            } else {
                List<Point> points = ((Polygon) value).points();
                out.writeInt(points.size());
                points.forEach(p -> writePoint(out, p));
            }
        }

        private static void writePoint(ByteBuf out, Point p) {
            out.writeDouble(p.x()).writeDouble(p.y());
        }
    }
}
