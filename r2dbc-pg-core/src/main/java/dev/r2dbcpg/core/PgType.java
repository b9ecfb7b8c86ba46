package dev.r2dbcpg.core;

import dev.r2dbcpg.core.codec.Oids;
import io.r2dbc.spi.Type;

/**
 * A PostgreSQL data type as R2DBC sees it: its name and the Java type values of it decode to by default.
 *
 * @param oid the type's OID in {@code pg_type}
 * @param name the type's name, for example {@code int4}
 * @param javaType the default Java type of its values
 */
public record PgType(int oid, String name, Class<?> javaType) implements Type {

    @Override
    public Class<?> getJavaType() {
        return javaType;
    }

    @Override
    public String getName() {
        return name;
    }

    /**
     * The OID a parameter declared as {@code type} is sent with: a {@code PgType}'s own, the usual PostgreSQL type
     * of an {@link io.r2dbc.spi.R2dbcType}, 0 (let the server infer it) for any other type.
     */
    static int oidOf(Type type) {
        if (type instanceof PgType pg) {
            return pg.oid();
        }
        if (!(type instanceof io.r2dbc.spi.R2dbcType r2dbc)) {
            return Oids.UNSPECIFIED;
        }
        return switch (r2dbc) {
            case CHAR, NCHAR -> Oids.BPCHAR;
            case VARCHAR, NVARCHAR -> Oids.VARCHAR;
            case CLOB, NCLOB -> Oids.TEXT;
            case BOOLEAN -> Oids.BOOL;
            case BINARY, VARBINARY, BLOB -> Oids.BYTEA;
            case TINYINT, SMALLINT -> Oids.INT2;
            case INTEGER -> Oids.INT4;
            case BIGINT -> Oids.INT8;
            case NUMERIC, DECIMAL -> Oids.NUMERIC;
            case REAL -> Oids.FLOAT4;
            case FLOAT, DOUBLE -> Oids.FLOAT8;
            case DATE -> Oids.DATE;
            case TIME -> Oids.TIME;
            case TIME_WITH_TIME_ZONE -> Oids.TIMETZ;
            case TIMESTAMP -> Oids.TIMESTAMP;
            case TIMESTAMP_WITH_TIME_ZONE -> Oids.TIMESTAMPTZ;
            default -> Oids.UNSPECIFIED;
        };
    }
}
