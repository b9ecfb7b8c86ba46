package dev.r2dbcpg.core.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libpq's password file ({@code ~/.pgpass}): lines of {@code hostname:port:database:username:password}.
 * A field of exactly {@code *} matches anything; {@code \:} and {@code \\} escape a colon and a backslash;
 * lines starting with {@code #} are comments; the first matching line wins. A Unix-socket host is matched
 * as {@code localhost}. As in libpq, on POSIX file systems a file that is not a regular file, or that grants
 * any permission to group or others, is ignored with a warning.
 */
public final class PgPassFile {

    private static final Logger LOG = LoggerFactory.getLogger(PgPassFile.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PgPassFile() {
    }

    /**
     * Looks up the password for a connection. Blocking file I/O: call it off the event loop.
     *
     * @return a fresh array the caller should zero, or null when the file is missing, unreadable, insecure
     *         or has no matching line
     */
    public static char @Nullable [] lookup(Path file, String host, int port, String db, String user) {
        if (!isUsable(file)) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("could not read password file \"{}\": {}", file, e.toString());
            return null;
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        char[] text = new char[chars.remaining()];
        chars.get(text);
        Arrays.fill(chars.array(), '\0');
        try {
            String matchHost = host.isEmpty() || host.startsWith("/") ? "localhost" : host;
            String[] wanted = {matchHost, Integer.toString(port), db, user};
            int lineStart = 0;
            while (lineStart < text.length) {
                int lineEnd = lineStart;
                while (lineEnd < text.length && text[lineEnd] != '\n') {
                    lineEnd++;
                }
                int end = lineEnd > lineStart && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                char[] password = matchLine(text, lineStart, end, wanted);
                if (password != null) {
                    return password;
                }
                lineStart = lineEnd + 1;
            }
            return null;
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    private static boolean isUsable(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return true;   // no POSIX permissions (Windows): libpq does not check there either
        }
        try {
            var attributes = posix.readAttributes();
            if (!attributes.isRegularFile()) {
                LOG.warn("password file \"{}\" is not a plain file", file);
                return false;
            }
            Set<PosixFilePermission> permissions = EnumSet.copyOf(attributes.permissions());
            permissions.retainAll(GROUP_OR_OTHER);
            if (!permissions.isEmpty()) {
                LOG.warn("password file \"{}\" has group or world access; permissions should be u=rw (0600) or less",
                        file);
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.warn("could not read password file \"{}\": {}", file, e.toString());
            return false;
        }
    }

    /** The de-escaped password when the line in {@code [start, end)} matches, else null. */
    private static char @Nullable [] matchLine(char[] text, int start, int end, String[] wanted) {
        if (start == end || text[start] == '#') {
            return null;
        }
        int pos = start;
        for (String value : wanted) {
            pos = matchField(text, pos, end, value);
            if (pos < 0) {
                return null;
            }
        }
        // The password runs to the next unescaped colon or the end of the line.
        char[] password = new char[end - pos];
        int n = 0;
        for (int i = pos; i < end && text[i] != ':'; i++) {
            if (text[i] == '\\' && i + 1 < end) {
                i++;
            }
            password[n++] = text[i];
        }
        char[] result = Arrays.copyOf(password, n);
        Arrays.fill(password, '\0');
        return result;
    }

    /** Matches one field followed by {@code :}; returns the position after the colon, or -1. */
    private static int matchField(char[] text, int pos, int end, String value) {
        if (pos + 1 < end && text[pos] == '*' && text[pos + 1] == ':') {
            return pos + 2;
        }
        int i = 0;
        while (pos < end && text[pos] != ':') {
            if (text[pos] == '\\' && pos + 1 < end) {
                pos++;
            }
            if (i >= value.length() || text[pos] != value.charAt(i)) {
                return -1;
            }
            i++;
            pos++;
        }
        return pos < end && i == value.length() ? pos + 1 : -1;
    }

}
