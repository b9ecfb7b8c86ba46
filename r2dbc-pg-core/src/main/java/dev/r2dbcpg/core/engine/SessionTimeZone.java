package dev.r2dbcpg.core.engine;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The session's {@code TimeZone} as a {@link ZoneId}, read from the server's live ParameterStatus values
 * (so a {@code SET TimeZone} is seen by the next read) and parsed again only when it changes. Names are
 * IANA zones ({@code Europe/Berlin}, {@code UTC}, {@code EST5EDT}); a numeric zone set as
 * {@code SET TimeZone = '+05:30'} is POSIX: hours west of Greenwich, the sign inverted (so UTC-05:30).
 * A name Java does not know is taken as UTC.
 */
public final class SessionTimeZone implements Supplier<ZoneId> {

    /** POSIX form of a fixed offset: an optional {@code <name>}, then hours east of UTC with the sign inverted. */
    private static final Pattern POSIX = Pattern.compile("(?:<[^>]*>|[A-Za-z]{3,})?([+-]?)(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?");

    private final Map<String, String> parameters;
    private @Nullable String name;
    private ZoneId zone = ZoneOffset.UTC;

    /** @param parameters the connection's server parameters, kept current by the connection */
    public SessionTimeZone(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    @Override
    public ZoneId get() {
        String current = parameters.get("TimeZone");
        if (current == null) {
            return ZoneOffset.UTC;
        }
        if (!current.equals(name)) {
            zone = parse(current);
            name = current;
        }
        return zone;
    }

    static ZoneId parse(String name) {
        // A bare offset is POSIX, as PostgreSQL reads it: '+05:30' is 5:30 west of Greenwich.
        Matcher m = POSIX.matcher(name);
        if (m.matches()) {
            int seconds = Integer.parseInt(m.group(2)) * 3600
                    + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)) * 60)
                    + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
            try {
                return ZoneOffset.ofTotalSeconds(m.group(1).equals("-") ? seconds : -seconds);
            } catch (DateTimeException outOfRange) {
                return ZoneOffset.UTC;
            }
        }
        try {
            return ZoneId.of(name, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
