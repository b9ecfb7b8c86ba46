package dev.r2dbcpg.client;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One constraint of a table, from {@code pg_constraint}.
 *
 * @param name the constraint name as stored
 * @param type its kind
 * @param columns the constrained columns in order (empty for a check on an expression only)
 * @param definition the constraint as SQL ({@code FOREIGN KEY (a) REFERENCES t(id)},
 *     {@code CHECK ((price > 0))}, {@code PRIMARY KEY (id)}): {@code pg_get_constraintdef}
 * @param referencedTable for a foreign key, the referenced table as SQL names it (qualified when it is not
 *     on the search path); otherwise {@code null}
 */
public record ConstraintInfo(String name, Type type, List<String> columns, String definition,
        @Nullable String referencedTable) {

    public ConstraintInfo {
        columns = List.copyOf(columns);
    }

    /** The kinds of {@code pg_constraint.contype}. */
    public enum Type {
        PRIMARY_KEY, FOREIGN_KEY, UNIQUE, CHECK, EXCLUSION, TRIGGER, NOT_NULL;

        static Type of(String contype) {
            return switch (contype) {
                case "p" -> PRIMARY_KEY;
                case "f" -> FOREIGN_KEY;
                case "u" -> UNIQUE;
                case "c" -> CHECK;
                case "x" -> EXCLUSION;
                case "t" -> TRIGGER;
                case "n" -> NOT_NULL;
                default -> throw new IllegalStateException("Unknown pg_constraint.contype '" + contype + "'");
            };
        }
    }
}
