package dev.forecourt.http;

/**
 * A host and perhaps a port, as the configuration writes addresses and names: {@code name}, {@code name:8080},
 * {@code 192.0.2.1:80}, {@code [2001:db8::1]:443}, {@code [::1]}, or a bare IPv6 address without a port
 * ({@code ::1}). One reading for every place that splits them, so that brackets, a missing port and a bad one mean
 * the same everywhere and are refused in the same words. The host is kept without brackets ({@link #withBrackets()}
 * puts them back); host names are not checked here ({@link HostHeader} judges a request's Host, character by
 * character).
 */
public record HostPort(String host, Integer port) {

    /** Where a port is read: 0 is a port only for a listener, where it asks the system for any free one. */
    public enum Use {
        /** Something connects there: 1-65535. */
        CONNECT(1),
        /** A listener may bind there, or a name may stand for where one binds ({@code resolve:}): 0-65535. */
        LISTEN(0);

        private final int lowest;

        Use(int lowest) {
            this.lowest = lowest;
        }
    }

    /** {@code text} as {@code host[:port]}, the port 1-65535 or else {@code defaultPort} (which may be null). */
    /** {@code 127.0.0.1:9000}, {@code [::1]:9000}: an address as logs, traces and messages write it; "?" for null. */
    public static String text(java.net.InetSocketAddress a) {
        if (a == null) {
            return "?";
        }
        String ip = a.isUnresolved() ? a.getHostString() : a.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }

    public static HostPort parse(String text, Integer defaultPort) {
        return parse(text, defaultPort, Use.CONNECT);
    }

    /**
     * {@code text} as {@code host[:port]}, or else with {@code defaultPort} (which may be null).
     *
     * @throws IllegalArgumentException saying what is wrong, in words for the person who wrote it
     */
    public static HostPort parse(String text, Integer defaultPort, Use use) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        int colon = portColon(text);
        String host = colon < 0 ? text : text.substring(0, colon);
        Integer port = colon < 0 ? defaultPort : port(text, colon, use);
        return new HostPort(host(text, host), port);
    }

    /**
     * {@code text} as {@code host:port}, the port required.
     *
     * @throws IllegalArgumentException saying what is wrong, in words for the person who wrote it
     */
    public static HostPort parseWithPort(String text, Use use) {
        HostPort hp = parse(text, null, use);
        if (hp.port == null) {
            if (hp.host.indexOf(':') >= 0 && !text.startsWith("[")) {
                throw new IllegalArgumentException("'" + text + "' has more than one ':': an IPv6 address with a port"
                        + " is written in brackets, [2001:db8::1]:443");
            }
            throw new IllegalArgumentException("'" + text + "' needs a port (host:port)");
        }
        return hp;
    }

    /**
     * Where the port begins: the index of the {@code :} before it, or -1 when {@code text} names no port (a colon
     * inside brackets, or in a bare IPv6 address, is the address's own). Allocates nothing, for the request path;
     * judges nothing either: a Host header is checked before ({@link HostHeader#problem}).
     */
    public static int portColon(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return -1;
        }
        int close = text.lastIndexOf(']');
        if (close >= 0) {
            return colon > close ? colon : -1;
        }
        return text.indexOf(':') == colon ? colon : -1; // more than one: a bare IPv6 address, no port
    }

    /** {@code text} without its port, as written (brackets kept); {@code text} itself when it names none. */
    public static String withoutPort(String text) {
        int colon = portColon(text);
        return colon < 0 ? text : text.substring(0, colon);
    }

    /** The host as a URL or a Host header writes it: an IPv6 address in brackets. */
    public String withBrackets() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** {@code host:port} (or the host alone), IPv6 in brackets: text that {@link #parse} reads back. */
    @Override
    public String toString() {
        return port == null ? withBrackets() : withBrackets() + ":" + port;
    }

    private static Integer port(String text, int colon, Use use) {
        String digits = text.substring(colon + 1);
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no port after the ':'");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw new IllegalArgumentException("'" + digits + "' is not a port number");
            }
        }
        if (digits.length() > 5 || Integer.parseInt(digits) > 65535 || Integer.parseInt(digits) < use.lowest) {
            throw new IllegalArgumentException("port " + digits + " is out of range " + use.lowest + "-65535");
        }
        return Integer.parseInt(digits);
    }

    /** The host part without brackets, after checking them. */
    private static String host(String text, String written) {
        boolean open = written.startsWith("[");
        int close = written.indexOf(']');
        if (!open && close < 0 && written.indexOf('[') < 0) {
            if (written.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has no host (write 127.0.0.1:PORT or 0.0.0.0:PORT)");
            }
            if (written.indexOf(':') >= 0 && !ipv6(written)) {
                throw new IllegalArgumentException("'" + text + "' has more than one ':' and is not an IPv6 address;"
                        + " an IPv6 address with a port is written in brackets, [2001:db8::1]:443");
            }
            return written;
        }
        if (!open) {
            throw new IllegalArgumentException("'" + text + "' has " + (close >= 0 ? "']'" : "'['")
                    + " inside the host; only an IPv6 address is written in brackets, [2001:db8::1]:443");
        }
        if (close < 0) {
            throw new IllegalArgumentException("'" + text + "' opens '[' without closing it: write [2001:db8::1]:443");
        }
        if (close != written.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' has '" + written.substring(close + 1)
                    + "' after ']'; write [2001:db8::1]:443");
        }
        String inside = written.substring(1, close);
        if (inside.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no host (write 127.0.0.1:PORT or 0.0.0.0:PORT)");
        }
        if (!ipv6(inside)) {
            throw new IllegalArgumentException("'" + text + "': '" + inside + "' in brackets is not an IPv6 address");
        }
        return inside;
    }

    /** Hex digits and colons (at least two), perhaps an IPv4 tail and a {@code %zone}: an IPv6 address's shape. */
    private static boolean ipv6(String s) {
        int zone = s.indexOf('%');
        String address = zone < 0 ? s : s.substring(0, zone);
        if (zone == s.length() - 1 || address.indexOf(':') == address.lastIndexOf(':')) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
