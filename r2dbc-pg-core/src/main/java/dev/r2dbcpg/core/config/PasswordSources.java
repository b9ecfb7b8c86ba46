package dev.r2dbcpg.core.config;

import reactor.core.publisher.Mono;

/** The {@link PasswordSource} implementations behind its factory methods. */
final class PasswordSources {

    private PasswordSources() {
    }

    /** A fixed password held in a private copy. */
    static final class Fixed implements PasswordSource {
        private final char[] password;

        Fixed(char[] password) {
            this.password = password;
        }

        @Override
        public Mono<char[]> password() {
            return Mono.fromSupplier(password::clone);
        }

        @Override
        public String toString() {
            return "PasswordSource[fixed, ****]";
        }
    }

    /** A password fetched on every call; each value is copied into a fresh array. */
    static final class Dynamic implements PasswordSource {
        private final Mono<? extends CharSequence> source;

        Dynamic(Mono<? extends CharSequence> source) {
            this.source = source;
        }

        @Override
        public Mono<char[]> password() {
            return source.map(Dynamic::toChars);
        }

        private static char[] toChars(CharSequence value) {
            char[] chars = new char[value.length()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = value.charAt(i);
            }
            return chars;
        }

        @Override
        public String toString() {
            return "PasswordSource[dynamic]";
        }
    }
}
