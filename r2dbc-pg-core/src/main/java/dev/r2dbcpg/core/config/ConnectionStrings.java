package dev.r2dbcpg.core.config;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses libpq connection strings into a {@link PgConnectionConfiguration.Builder}:
 * <ul>
 *   <li>URLs: {@code postgresql://[user[:password]@][host[:port][,host[:port]...]][/dbname][?key=value&...]}
 *       (also {@code postgres://}); IPv6 literals in brackets ({@code [::1]:5433}); every part
 *       percent-decoded as UTF-8;</li>
 *   <li>key/value strings: {@code host=localhost port=5432 dbname='my db' password='it\'s'}, values
 *       unquoted (ending at white space) or single-quoted, {@code \} escaping the next character.</li>
 * </ul>
 * Keys are libpq keywords ({@code sslmode}, {@code application_name} ...) or this driver's option names
 * ({@code statementCacheSize} ...). The result holds only what the string says; the environment and the
 * defaults apply at {@link PgConnectionConfiguration.Builder#build()}. Error messages never contain the
 * input or any value from it that could be a password.
 */
public final class ConnectionStrings {

    private ConnectionStrings() {
    }

    /**
     * Parses a libpq URL or key/value connection string.
     *
     * @throws IllegalArgumentException for malformed input, unknown keys or bad values
     */
    public static PgConnectionConfiguration.Builder parse(String connectionString) {
        PgConnectionConfiguration.Builder b = PgConnectionConfiguration.builder();
        if (connectionString.startsWith("postgresql://")) {
            parseUrl(connectionString.substring("postgresql://".length()), b);
        } else if (connectionString.startsWith("postgres://")) {
            parseUrl(connectionString.substring("postgres://".length()), b);
        } else {
            parseKeyValue(connectionString, b);
        }
        return b;
    }

    private static void parseUrl(String rest, PgConnectionConfiguration.Builder b) {
        int authorityEnd = indexOfAny(rest, 0, "/?");
        String authority = rest.substring(0, authorityEnd);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
            if (!user.isEmpty()) {
                b.user(user);
            }
            if (colon >= 0) {
                String password = decode(userInfo.substring(colon + 1), "password");
                if (!password.isEmpty()) {
                    b.password(password);
                }
            }
        }
        parseHosts(authority.substring(at + 1), b);
        int queryStart = rest.indexOf('?', authorityEnd);
        if (authorityEnd < rest.length() && rest.charAt(authorityEnd) == '/') {
            String db = decode(rest.substring(authorityEnd + 1, queryStart < 0 ? rest.length() : queryStart),
                    "database name");
            if (!db.isEmpty()) {
                b.database(db);
            }
        }
        if (queryStart >= 0) {
            for (String param : rest.substring(queryStart + 1).split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                if (eq < 0 || param.indexOf('=', eq + 1) >= 0) {
                    throw new IllegalArgumentException(eq < 0
                            ? "missing key/value separator \"=\" in URL query parameter"
                            : "extra key/value separator \"=\" in URL query parameter");
                }
                String key = decode(param.substring(0, eq), "query parameter name");
                OptionTable.applyKeyword(b, key, decode(param.substring(eq + 1), "query parameter value"));
            }
        }
    }

    /** {@code host[:port],[ipv6]:port,...}; empty hosts and ports mean the defaults. */
    static void parseHosts(String spec, PgConnectionConfiguration.Builder b) {
        List<String> hosts = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        boolean anyHost = false;
        boolean anyPort = false;
        int pos = 0;
        while (true) {
            String host;
            int after;
            if (pos < spec.length() && spec.charAt(pos) == '[') {
                int close = spec.indexOf(']', pos);
                if (close < 0) {
                    throw new IllegalArgumentException("end of string reached when looking for matching \"]\" "
                            + "in IPv6 host address in URL");
                }
                host = spec.substring(pos + 1, close);
                if (host.isEmpty()) {
                    throw new IllegalArgumentException("IPv6 host address may not be empty in URL");
                }
                after = close + 1;
                if (after < spec.length() && spec.charAt(after) != ':' && spec.charAt(after) != ',') {
                    throw new IllegalArgumentException("unexpected character \"" + spec.charAt(after)
                            + "\" after IPv6 host address in URL");
                }
            } else {
                after = indexOfAny(spec, pos, ":,");
                host = decode(spec.substring(pos, after), "host");
            }
            int port = 0;
            int next = indexOfAny(spec, after, ",");
            if (after < spec.length() && spec.charAt(after) == ':') {
                String portText = spec.substring(after + 1, next);
                if (!portText.isEmpty()) {
                    port = parsePort(portText);
                    anyPort = true;
                }
            }
            anyHost |= !host.isEmpty();
            hosts.add(host);
            ports.add(port);
            if (next >= spec.length()) {
                break;
            }
            pos = next + 1;
        }
        if (anyHost || hosts.size() > 1) {
            b.host(String.join(",", hosts));
        }
        if (anyPort) {
            b.portList(ports);
        }
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid port number: \"" + text + "\"");
    }

    private static void parseKeyValue(String s, PgConnectionConfiguration.Builder b) {
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return;
            }
            int keyStart = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(keyStart, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                throw new IllegalArgumentException(
                        "missing \"=\" after \"" + key + "\" in connection info string");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted string in connection info string");
                    }
                    char c = s.charAt(i++);
                    if (c == '\'') {
                        break;
                    }
                    if (c == '\\' && i < n) {
                        c = s.charAt(i++);
                    }
                    value.append(c);
                }
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = s.charAt(i++);
                    }
                    value.append(c);
                }
            }
            OptionTable.applyKeyword(b, key, value.toString());
        }
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** Percent-decodes as UTF-8; {@code what} names the URL part in errors (the text itself is never shown). */
    static String decode(String s, String what) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '%') {
                int end = s.indexOf('%', i);
                end = end < 0 ? s.length() : end;
                byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i = end - 1;
                continue;
            }
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("invalid percent-encoded token in URL " + what);
            }
            if (hi == 0 && lo == 0) {
                throw new IllegalArgumentException("forbidden value %00 in percent-encoded URL " + what);
            }
            bytes.write(hi << 4 | lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoded URL " + what + " is not valid UTF-8");
        }
    }
}
