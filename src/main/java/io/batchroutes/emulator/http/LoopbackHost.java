package io.batchroutes.emulator.http;

import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} headers name this server: the loopback names and the bound address, any port. A browser sends
 * the name it resolved, so a page on {@code evil.example} whose name later resolves to 127.0.0.1 (DNS rebinding)
 * is refused here even though its requests reach the port.
 */
final class LoopbackHost {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

    private LoopbackHost() {
    }

    static boolean accepts(String hostHeader, String bindAddress) {
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0 || !(end == host.length() - 1 || isPort(host.substring(end + 1)))) {
                return false;
            }
            host = host.substring(1, end);
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                if (!isPort(host.substring(colon))) {
                    return false;
                }
                host = host.substring(0, colon);
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return LOOPBACK.contains(host) || host.equals(bindAddress) || host.endsWith(".localhost");
    }

    /** {@code :digits}. */
    private static boolean isPort(String s) {
        return s.length() > 1 && s.length() <= 6 && s.charAt(0) == ':' && s.substring(1).chars().allMatch(Character::isDigit);
    }

    /** The value with control characters shown as {@code ?}, for a log line. */
    static String printable(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), 200));
        value.codePoints().limit(200).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }
}
