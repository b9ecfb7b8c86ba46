package dev.r2dbcpg.core.codec;

/** The wire format of a parameter or column value, as carried in Bind and RowDescription. */
public enum Format {
    /** Format code 0: the type's text input/output representation. */
    TEXT,
    /** Format code 1: the type's send/receive representation. */
    BINARY;

    /**
     * Returns the protocol format code.
     *
     * @return 0 for {@link #TEXT}, 1 for {@link #BINARY}
     */
    public short code() {
        return this == TEXT ? (short) 0 : (short) 1;
    }

    /**
     * Returns the format for a protocol format code.
     *
     * @param code 0 or 1
     * @return the format
     * @throws IllegalArgumentException for any other code
     */
    public static Format fromCode(int code) {
        switch (code) {
            case 0:
                return TEXT;
            case 1:
                return BINARY;
            default:
                throw new IllegalArgumentException("Unknown format code " + code + ", expected 0 (text) or 1 (binary)");
        }
    }
}
