package dev.r2dbcpg.core.types;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Equality and hashing of value lists whose elements may be Java arrays, compared by content. */
final class Elements {

    private Elements() {
    }

    static boolean deepEquals(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.deepEquals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static int deepHashCode(int seed, List<?> values) {
        int h = seed;
        for (Object value : values) {
            h = h * 31 + Arrays.deepHashCode(new Object[] {value});
        }
        return h;
    }
}
