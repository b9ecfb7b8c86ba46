package dev.r2dbcpg.bench;

/** A benchmark operation returned a result other than the one the data set implies: the run is invalid. */
final class WrongResultException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    WrongResultException(String message) {
        super(message);
    }

    /** Throws unless {@code actual == expected}; {@code what} names the value in the message. */
    static void check(String what, long expected, long actual) {
        if (expected != actual) {
            throw new WrongResultException(what + ": expected " + expected + " but was " + actual);
        }
    }
}
