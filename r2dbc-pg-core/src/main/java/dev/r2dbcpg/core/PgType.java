package dev.r2dbcpg.core;

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
}
