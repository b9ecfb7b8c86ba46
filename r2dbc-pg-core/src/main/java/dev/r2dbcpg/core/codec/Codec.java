package dev.r2dbcpg.core.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * Converts values of one PostgreSQL type between the wire (text or binary format) and Java.
 *
 * <p>Implementations are stateless and thread-safe; one instance serves every connection. No
 * method takes ownership of a {@link ByteBuf} it receives: the caller keeps it and releases it.
 *
 * @param <T> the default Java type, returned by {@code Row.get(i)} without a class
 */
public interface Codec<T> {

    /**
     * Returns the OID of the PostgreSQL type this codec decodes.
     *
     * @return the type OID
     */
    int oid();

    /**
     * Returns the PostgreSQL type name, as used in error messages.
     *
     * @return the type name, e.g. {@code "int4"}
     */
    String typeName();

    /**
     * Returns the Java type that {@link #decode} produces for target {@code Object.class}.
     *
     * @return the default Java type
     */
    Class<T> javaType();

    /**
     * Tells whether values can be decoded as {@code target}; true for {@code Object.class} and
     * {@link #javaType()}. A true answer does not promise that every value converts losslessly.
     *
     * @param target the requested class; primitive classes stand for their wrappers
     * @return whether {@link #decode} supports the target
     */
    boolean canDecode(Class<?> target);

    /**
     * Tells whether this codec decodes values sent in {@code format}. Result columns are
     * requested in binary only when this is true for {@link Format#BINARY}.
     *
     * @param format the wire format
     * @return true by default
     */
    default boolean supportsFormat(Format format) {
        return true;
    }

    /**
     * Decodes one non-null value. Uses absolute reads only and never moves {@code buf}'s reader
     * or writer index; does not release {@code buf} (the caller owns it).
     *
     * @param buf    the buffer holding the value; ownership stays with the caller
     * @param offset the absolute index of the value's first byte
     * @param length the value's length in bytes
     * @param format the wire format of the value
     * @param target the requested class ({@code Object.class} for {@link #javaType()})
     * @param <U>    the requested type
     * @return the decoded value, never null
     * @throws IllegalArgumentException naming the PostgreSQL type and the target class when the
     *                                  conversion is not supported or would lose information, or
     *                                  when the bytes are malformed
     */
    <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target);

    /**
     * Returns PostgreSQL's text output of one non-null value: what the type's output function prints
     * (and {@code ::text} gives, but for {@code bpchar}'s padding and {@code inet}'s netmask). A value in
     * text format is returned as received; a binary one is formatted locally, without asking the server.
     * By default a binary value is decoded as {@code String}.
     *
     * @param buf      the buffer holding the value; ownership stays with the caller
     * @param offset   the absolute index of the value's first byte
     * @param length   the value's length in bytes
     * @param format   the wire format of the value
     * @param timeZone the session's {@code TimeZone}, in which {@code timestamptz} values are printed
     * @return the text output
     * @throws IllegalArgumentException when the bytes are malformed
     */
    default String decodeText(ByteBuf buf, int offset, int length, Format format, ZoneId timeZone) {
        return format == Format.TEXT
                ? buf.toString(offset, length, StandardCharsets.UTF_8)
                : decode(buf, offset, length, format, String.class);
    }

    /**
     * Tells whether {@link #encode} accepts this value.
     *
     * @param value a non-null value
     * @return whether the value can be encoded
     */
    boolean canEncode(Object value);

    /**
     * Tells whether values of this Java class are encoded by this codec; used to choose a codec
     * by class (for example for a typed null). Codecs that return false are found by value only.
     *
     * @param type the Java class
     * @return false by default
     */
    default boolean canEncodeType(Class<?> type) {
        return false;
    }

    /**
     * Returns the OID to declare for this value in Parse.
     *
     * @param value a value accepted by {@link #canEncode}
     * @return the parameter type OID; {@link Oids#UNSPECIFIED} lets the server infer the type
     */
    int paramOid(Object value);

    /**
     * Returns the OID to declare in Parse for a null of this Java class.
     *
     * @param type a class accepted by {@link #canEncodeType}
     * @return the parameter type OID; {@link #oid()} by default
     */
    default int paramOidForNull(Class<?> type) {
        return oid();
    }

    /**
     * Returns the format {@link #encode} writes this value in.
     *
     * @param value a value accepted by {@link #canEncode}
     * @return the parameter format for Bind
     */
    Format encodeFormat(Object value);

    /**
     * Writes the value's bytes (without the length prefix, which the caller writes) in
     * {@link #encodeFormat(Object)}.
     *
     * @param value a value accepted by {@link #canEncode}
     * @param out   the buffer to append to; ownership stays with the caller
     * @throws IllegalArgumentException when the value is out of the PostgreSQL type's range
     */
    void encode(Object value, ByteBuf out);
}
