package dev.r2dbcpg.core;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import dev.r2dbcpg.core.protocol.RowDescription;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Nullability;
import io.r2dbc.spi.OutParameterMetadata;
import org.jspecify.annotations.Nullable;

/**
 * One column of a result (or one OUT parameter of a {@code CALL}): its label, type, the codec chosen for
 * it once, and the precision and scale the type modifier carries.
 */
public final class PgColumnMetadata implements ColumnMetadata, OutParameterMetadata {

    private final RowDescription.Column column;
    private final Codec<?> codec;
    private final Format format;
    private final PgType type;

    PgColumnMetadata(RowDescription.Column column, Codec<?> codec) {
        this.column = column;
        this.codec = codec;
        this.format = Format.fromCode(column.format());
        this.type = new PgType(column.typeOid(), codec.typeName(), codec.javaType());
    }

    Codec<?> codec() {
        return codec;
    }

    Format format() {
        return format;
    }

    @Override
    public String getName() {
        return column.name();
    }

    @Override
    public PgType getType() {
        return type;
    }

    @Override
    public Class<?> getJavaType() {
        return type.javaType();
    }

    /** The column's type OID. */
    @Override
    public Integer getNativeTypeMetadata() {
        return column.typeOid();
    }

    /** The OID of the table the column comes from, or 0 when it is not a plain table column. */
    public int getTableOid() {
        return column.tableOid();
    }

    /** Unknown: PostgreSQL does not say in a RowDescription whether a column may be null. */
    @Override
    public Nullability getNullability() {
        return Nullability.UNKNOWN;
    }

    /** Numeric precision, character length, or fractional-second digits, when the type modifier gives them. */
    @Override
    public @Nullable Integer getPrecision() {
        int typmod = column.typeModifier();
        if (typmod < 0) {
            return null;
        }
        return switch (column.typeOid()) {
            case Oids.NUMERIC -> ((typmod - 4) >> 16) & 0xffff;
            case Oids.VARCHAR, Oids.BPCHAR -> typmod - 4;
            case Oids.TIME, Oids.TIMETZ, Oids.TIMESTAMP, Oids.TIMESTAMPTZ -> typmod;
            default -> null;
        };
    }

    /** Numeric scale, when the type modifier gives it. */
    @Override
    public @Nullable Integer getScale() {
        int typmod = column.typeModifier();
        return column.typeOid() == Oids.NUMERIC && typmod >= 4 ? (typmod - 4) & 0xffff : null;
    }

    @Override
    public String toString() {
        return "PgColumnMetadata[" + column.name() + " " + type.name() + "]";
    }
}
