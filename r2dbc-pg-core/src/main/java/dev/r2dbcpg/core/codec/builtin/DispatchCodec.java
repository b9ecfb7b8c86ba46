package dev.r2dbcpg.core.codec.builtin;

import dev.r2dbcpg.core.codec.Codec;
import dev.r2dbcpg.core.codec.Format;
import dev.r2dbcpg.core.codec.Oids;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Encodes values whose Java class does not tell the PostgreSQL type ({@code Range},
 * {@code Multirange}, {@code List}, {@code Object[]}): lookups by class find this codec, which
 * picks per value the first codec of a family that accepts it (a {@code Range<Long>} is an
 * {@code int8range}). A value that carries no element at all (an empty {@code List}, the empty
 * range) goes to the family's untyped codec, which sends text with OID 0 so that the server
 * infers the type from the statement. Decodes as its primary codec, whose OID it takes.
 *
 * <p>The family is every built-in codec accepted by {@code member}, read from
 * {@link BuiltinCodecs#all()} on first use (so codecs added to that table later join it).
 */
final class DispatchCodec<T> implements Codec<T> {

    private final Codec<T> primary;
    private final Codec<?> untyped;
    private final Predicate<Class<?>> encodeTypes;
    private final Predicate<Codec<?>> member;
    private volatile @Nullable List<Codec<?>> family;

    DispatchCodec(Codec<T> primary, Codec<?> untyped, Predicate<Class<?>> encodeTypes, Predicate<Codec<?>> member) {
        this.primary = primary;
        this.untyped = untyped;
        this.encodeTypes = encodeTypes;
        this.member = member;
    }

    @Override
    public int oid() {
        return primary.oid();
    }

    @Override
    public String typeName() {
        return primary.typeName();
    }

    @Override
    public Class<T> javaType() {
        return primary.javaType();
    }

    @Override
    public boolean canDecode(Class<?> target) {
        return primary.canDecode(target);
    }

    @Override
    public boolean supportsFormat(Format format) {
        return primary.supportsFormat(format);
    }

    @Override
    public String decodeText(ByteBuf buf, int offset, int length, Format format, java.time.ZoneId timeZone) {
        return primary.decodeText(buf, offset, length, format, timeZone);
    }

    @Override
    public <U> U decode(ByteBuf buf, int offset, int length, Format format, Class<U> target) {
        return primary.decode(buf, offset, length, format, target);
    }

    @Override
    public boolean canEncodeType(Class<?> type) {
        return encodeTypes.test(type);
    }

    @Override
    public boolean canEncode(Object value) {
        return choose(value) != null;
    }

    @Override
    public int paramOid(Object value) {
        return chosen(value).paramOid(value);
    }

    /** A typed null of these classes says nothing of the PostgreSQL type: the server infers it. */
    @Override
    public int paramOidForNull(Class<?> type) {
        return Oids.UNSPECIFIED;
    }

    @Override
    public Format encodeFormat(Object value) {
        return chosen(value).encodeFormat(value);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        chosen(value).encode(value, out);
    }

    private Codec<?> chosen(Object value) {
        Codec<?> codec = choose(value);
        if (codec == null) {
            throw new IllegalArgumentException("Cannot encode " + value.getClass().getName() + " " + value
                    + ": no built-in PostgreSQL type accepts its elements");
        }
        return codec;
    }

    private @Nullable Codec<?> choose(Object value) {
        if (untyped.canEncode(value)) {
            return untyped;
        }
        for (Codec<?> codec : family()) {
            if (codec.canEncode(value)) {
                return codec;
            }
        }
        return null;
    }

    private List<Codec<?>> family() {
        List<Codec<?>> f = family;
        if (f == null) {
            List<Codec<?>> members = new ArrayList<>();
            members.add(primary);
            for (Codec<?> codec : BuiltinCodecs.all()) {
                if (codec != this && member.test(codec)) {
                    members.add(codec);
                }
            }
            family = f = List.copyOf(members);
        }
        return f;
    }

    @Override
    public String toString() {
        return "DispatchCodec[" + primary + "]";
    }
}
