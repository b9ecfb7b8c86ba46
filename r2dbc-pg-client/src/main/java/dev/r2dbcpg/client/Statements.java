package dev.r2dbcpg.client;

import dev.r2dbcpg.core.PgConnection;
import dev.r2dbcpg.core.PgResult;
import dev.r2dbcpg.core.PgStatement;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;

/**
 * Turns SQL and caller values into a bound {@link PgStatement}: placeholders rewritten by {@link Placeholders}
 * (as the connection's {@code standard_conforming_strings} reads literals), every value bound, never
 * interpolated.
 */
final class Statements {

    private Statements() {
    }

    /** One statement with one set of values. */
    static PgStatement bound(PgConnection connection, String sql, Object[] params) {
        Placeholders.Parsed parsed = Placeholders.parse(sql, standardConformingStrings(connection));
        PgStatement statement = connection.createStatement(parsed.sql());
        bind(statement, Placeholders.values(parsed, params));
        return statement;
    }

    /**
     * One statement with a binding per element of {@code sets}, run as one pipelined batch ({@code add()}).
     * An element is an {@code Object[]} or a {@code List} of values in order, a {@code Map} for named
     * placeholders, or a single value.
     */
    static PgStatement batch(PgConnection connection, String sql, List<?> sets) {
        Placeholders.Parsed parsed = Placeholders.parse(sql, standardConformingStrings(connection));
        PgStatement statement = connection.createStatement(parsed.sql());
        for (int i = 0; i < sets.size(); i++) {
            if (i > 0) {
                statement.add();
            }
            try {
                bind(statement, Placeholders.values(parsed, asParams(sets.get(i))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Parameter set " + i + ": " + e.getMessage(), e);
            }
        }
        return statement;
    }

    /** The sum of the update counts of every result (rows of a SELECT are discarded, unread). */
    static reactor.core.publisher.Mono<Long> count(Flux<PgResult> results) {
        return results.concatMap(PgResult::getRowsUpdated).reduce(0L, Long::sum);
    }

    private static Object[] asParams(Object set) {
        if (set instanceof Object[] array) {
            return array;
        }
        if (set instanceof List<?> list) {
            return list.toArray();
        }
        return new Object[] {set};
    }

    private static void bind(PgStatement statement, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                // Untyped NULL: the server infers the parameter's type from the statement.
                statement.bindNull(i, Object.class);
            } else {
                statement.bind(i, value);
            }
        }
    }

    private static boolean standardConformingStrings(PgConnection connection) {
        Map<String, String> parameters = connection.serverParameters();
        return !"off".equals(parameters.get("standard_conforming_strings"));
    }
}
