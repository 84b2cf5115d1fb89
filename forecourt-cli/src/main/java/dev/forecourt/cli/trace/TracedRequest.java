package dev.forecourt.cli.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The one request {@code trace} sends: HTTP/1.1 on a socket of its own (so that Host, the address connected to and
 * the TLS name are exactly what the user said, as with curl), with a new W3C trace id in {@code traceparent} and
 * {@code forecourt-trace} asking every hop to record. The connection closes after the answer; the body is counted,
 * not kept beyond its first bytes.
 */
public final class TracedRequest {
    static final int MAX_HEAD = 64 * 1024;
    static final int KEPT_BODY = 4096;

    /** What came back: status line, headers in order, the body's size and its first bytes. */
    public record Answer(int status, String reason, List<Map.Entry<String, String>> headers, long bodyBytes,
                         String bodyStart, long millis) {
        public String header(String name) {
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
            }
            return null;
        }
    }

    private final String method;
    private final URI url;
    private final List<String> headers;
    private final InetSocketAddress connectTo;
    private final boolean insecure;
    private final String traceAsk;
    private final int timeoutMillis;
    private final String traceId = HexFormat.of().formatHex(random(16));
    private final String parentId = HexFormat.of().formatHex(random(8));

    /**
     * @param headers "Name: value" lines the user gave (a Host among them replaces the URL's)
     * @param connectTo where to connect (from --resolve or the configuration's resolve:), or null: the URL's host
     * @param traceAsk the value of forecourt-trace: "on", or the admin token where the first hop is not on loopback
     */
    public TracedRequest(String method, URI url, List<String> headers, InetSocketAddress connectTo, boolean insecure,
                         String traceAsk, int timeoutMillis) {
        this.method = method;
        this.url = url;
        this.headers = List.copyOf(headers);
        this.connectTo = connectTo;
        this.insecure = insecure;
        this.traceAsk = traceAsk;
        this.timeoutMillis = timeoutMillis;
    }

    public String traceId() {
        return traceId;
    }

    boolean https() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    int port() {
        return url.getPort() > 0 ? url.getPort() : https() ? 443 : 80;
    }

    /** The address connected to. */
    public InetSocketAddress address() {
        return connectTo != null ? connectTo : new InetSocketAddress(url.getHost(), port());
    }

    /** The request head as sent. */
    public String head() {
        String target = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            target += "?" + url.getRawQuery();
        }
        StringBuilder b = new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean host = headers.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("host:"));
        if (!host) {
            b.append("Host: ").append(url.getRawAuthority()).append("\r\n");
        }
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        b.append("traceparent: 00-").append(traceId).append('-').append(parentId).append("-01\r\n")
                .append("forecourt-trace: ").append(traceAsk).append("\r\n")
                .append("User-Agent: forecourt-trace\r\nConnection: close\r\n\r\n");
        return b.toString();
    }

    public Answer send() throws IOException {
        long start = System.nanoTime();
        try (Socket s = open()) {
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            out.write(head().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(s.getInputStream(), start);
        }
    }

    private Socket open() throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(address(), timeoutMillis);
            if (!https()) {
                return plain;
            }
            SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(plain, url.getHost(), port(), true);
            SSLParameters p = tls.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(url.getHost())));
            if (!insecure) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            tls.setSSLParameters(p);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private SSLContext context() throws IOException {
        try {
            if (!insecure) {
                return SSLContext.getDefault();
            }
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new X509TrustManager() { // -k: the user chose not to verify
                public void checkClientTrusted(X509Certificate[] chain, String type) {}

                public void checkServerTrusted(X509Certificate[] chain, String type) {}

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS is not available in this JDK: " + e.getMessage(), e);
        }
    }

    private Answer read(InputStream in, long start) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the connection closed before a whole response head arrived ("
                        + head.size() + " bytes)");
            }
            head.write(c);
            if (head.size() > MAX_HEAD) {
                throw new IOException("the response head is over " + MAX_HEAD + " bytes");
            }
            matched = (c == '\r' && matched % 2 == 0) || (c == '\n' && matched % 2 == 1) ? matched + 1 : c == '\r' ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: '" + lines[0] + "'");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()));
            }
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long total = 0;
        if (!method.equals("HEAD")) {
            byte[] buf = new byte[16 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (kept.size() < KEPT_BODY) {
                    kept.write(buf, 0, Math.min(n, KEPT_BODY - kept.size()));
                }
                total += n;
            }
        }
        return new Answer(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", List.copyOf(headers), total,
                kept.toString(StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        b[0] |= 1; // never all zeros: W3C forbids an all-zero id
        return b;
    }
}
