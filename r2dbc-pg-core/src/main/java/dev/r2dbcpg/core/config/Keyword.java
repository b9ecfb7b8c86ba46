package dev.r2dbcpg.core.config;

import java.util.Locale;

/** Parses libpq keyword values such as {@code verify-full} into enum constants. */
final class Keyword {

    private Keyword() {
    }

    /**
     * Finds the constant whose name equals {@code value} ignoring case, with {@code -} read as {@code _}.
     *
     * @throws IllegalArgumentException naming {@code what} and the accepted values when none matches
     */
    static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
        String wanted = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        StringBuilder accepted = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            accepted.append(accepted.length() == 0 ? "" : ", ").append(libpqName(constant));
        }
        throw new IllegalArgumentException(
                "invalid " + what + " value: \"" + value + "\" (accepted: " + accepted + ")");
    }

    /** The libpq spelling of a constant: lower case, {@code _} written as {@code -}. */
    static String libpqName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
