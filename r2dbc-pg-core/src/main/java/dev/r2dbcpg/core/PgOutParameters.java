package dev.r2dbcpg.core;

import io.r2dbc.spi.OutParameterMetadata;
import io.r2dbc.spi.OutParameters;
import io.r2dbc.spi.OutParametersMetadata;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The OUT and INOUT parameters of a {@code CALL}: PostgreSQL returns them as one row, read here by
 * parameter name or by position among the OUT parameters. Valid only inside the mapping function,
 * like a row.
 */
public final class PgOutParameters implements OutParameters, OutParametersMetadata {

    private final PgRow row;

    PgOutParameters(PgRow row) {
        this.row = row;
    }

    PgRow row() {
        return row;
    }

    @Override
    public <T> @Nullable T get(int index, Class<T> type) {
        return row.get(index, type);
    }

    @Override
    public <T> @Nullable T get(String name, Class<T> type) {
        return row.get(name, type);
    }

    @Override
    public OutParametersMetadata getMetadata() {
        return this;
    }

    @Override
    public OutParameterMetadata getParameterMetadata(int index) {
        return row.getMetadata().getColumnMetadata(index);
    }

    @Override
    public OutParameterMetadata getParameterMetadata(String name) {
        return row.getMetadata().getColumnMetadata(name);
    }

    @Override
    public List<? extends OutParameterMetadata> getParameterMetadatas() {
        return row.getMetadata().getColumnMetadatas();
    }
}
