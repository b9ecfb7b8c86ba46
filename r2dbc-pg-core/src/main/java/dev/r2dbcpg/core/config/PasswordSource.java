package dev.r2dbcpg.core.config;

import java.util.Arrays;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Where the password comes from, asked once per connection attempt so that rotating credentials work.
 *
 * <p>Every emitted {@code char[]} is a fresh array owned by the caller, who should zero it
 * ({@code Arrays.fill(pw, '\0')}) once authentication is done. Implementations never show the password
 * in {@code toString}.
 */
public interface PasswordSource {

    /**
     * The password for one connection attempt.
     *
     * @return a Mono of a fresh array owned by the subscriber; empty when there is no password
     */
    Mono<char[]> password();

    /** A fixed password. */
    static PasswordSource of(String password) {
        return new PasswordSources.Fixed(password.toCharArray());
    }

    /** A fixed password; the array is copied, so the caller may zero its own. */
    static PasswordSource of(char[] password) {
        return new PasswordSources.Fixed(password.clone());
    }

    /**
     * A password asked from {@code supplier} at each connection attempt. The supplier may block only if
     * the connection is opened off the event loop; a {@code null} result means no password.
     */
    static PasswordSource of(Supplier<? extends CharSequence> supplier) {
        return new PasswordSources.Dynamic(Mono.fromSupplier(supplier));
    }

    /** A password read from {@code publisher} (its first element) at each connection attempt. */
    static PasswordSource of(Publisher<? extends CharSequence> publisher) {
        return new PasswordSources.Dynamic(Mono.from(publisher));
    }

    /** Zeroes {@code password}; a convenience for callers that received one. */
    static void clear(char[] password) {
        Arrays.fill(password, '\0');
    }
}
