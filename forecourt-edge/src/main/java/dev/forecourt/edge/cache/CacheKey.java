package dev.forecourt.edge.cache;

import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.edge.policy.Selection;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A request's cache key under a cache policy, in two parts: the {@code url} (host, path, and the query strings
 * the policy takes), which invalidation works on, and the {@code variant} (the headers and cookies the policy
 * takes, and the normalised Accept-Encoding), which selects among the objects stored for one url.
 */
public record CacheKey(String url, String variant) {

    public static CacheKey of(CachePolicy policy, String host, String uri, HttpHeaders h) {
        return new CacheKey(url(policy.queryStrings(), host, uri), variant(policy, h));
    }

    /** {@code host + path [+ ? + the query strings taken]}. */
    static String url(Selection queryStrings, String host, String uri) {
        int q = uri.indexOf('?');
        if (q < 0 || queryStrings.kind() == Selection.Kind.ALL) {
            return host + uri;
        }
        String path = uri.substring(0, q);
        if (queryStrings.kind() == Selection.Kind.NONE) {
            return host + path;
        }
        String query = filterQuery(uri.substring(q + 1), queryStrings);
        return query.isEmpty() ? host + path : host + path + '?' + query;
    }

    /** The parameters of a query string that a selection takes, in their order. */
    public static String filterQuery(String query, Selection s) {
        StringBuilder b = new StringBuilder(query.length());
        for (String param : query.split("&")) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (!param.isEmpty() && s.takes(name)) {
                if (!b.isEmpty()) b.append('&');
                b.append(param);
            }
        }
        return b.toString();
    }

    static String variant(CachePolicy p, HttpHeaders h) {
        if (p.headers().kind() == Selection.Kind.NONE && p.cookies().kind() == Selection.Kind.NONE
                && !p.gzip() && !p.brotli()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (p.headers().kind() != Selection.Kind.NONE) {
            List<String> names = new ArrayList<>();
            for (String n : h.names()) {
                String lower = n.toLowerCase(Locale.ROOT);
                if (p.headers().takes(lower) && !names.contains(lower)) names.add(lower);
            }
            names.sort(null);
            for (String n : names) {
                b.append(n).append('=').append(String.join(",", h.getAll(n))).append('\n');
            }
        }
        if (p.cookies().kind() != Selection.Kind.NONE) {
            List<String> cookies = cookies(h, p.cookies());
            cookies.sort(null);
            for (String c : cookies) b.append("cookie:").append(c).append('\n');
        }
        if (p.gzip() || p.brotli()) {
            b.append("ae=").append(acceptEncoding(p, h.get(HttpHeaderNames.ACCEPT_ENCODING)));
        }
        return b.toString();
    }

    /** The cookies of a request (name=value) that a selection takes. */
    public static List<String> cookies(HttpHeaders h, Selection s) {
        List<String> out = new ArrayList<>();
        for (String line : h.getAll(HttpHeaderNames.COOKIE)) {
            for (String pair : line.split(";")) {
                String c = pair.trim();
                int eq = c.indexOf('=');
                String name = eq < 0 ? c : c.substring(0, eq);
                if (!c.isEmpty() && s.takes(name)) out.add(c);
            }
        }
        return out;
    }

    /**
     * Accept-Encoding normalised as the cloud does when a policy enables compression: {@code br,gzip}, {@code br},
     * {@code gzip}, or empty (identity) — so that a thousand browser spellings make at most four objects.
     */
    public static String acceptEncoding(CachePolicy p, String ae) {
        if (ae == null) return "";
        String v = ae.toLowerCase(Locale.ROOT);
        boolean br = p.brotli() && accepts(v, "br");
        boolean gz = p.gzip() && accepts(v, "gzip");
        return br && gz ? "br,gzip" : br ? "br" : gz ? "gzip" : "";
    }

    private static final Pattern Q_ZERO = Pattern.compile("0(\\.0*)?");

    private static boolean accepts(String ae, String coding) {
        for (String part : ae.split(",")) {
            String[] kv = part.trim().split(";");
            if (kv[0].trim().equals(coding)) {
                for (int i = 1; i < kv.length; i++) {
                    String param = kv[i].trim();
                    if (param.startsWith("q=") && Q_ZERO.matcher(param.substring(2).trim()).matches()) return false;
                }
                return true;
            }
        }
        return false;
    }
}
