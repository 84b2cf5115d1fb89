package dev.forecourt.cli.walk;

import dev.forecourt.edge.route.PathPattern;

/**
 * What the file tells of the paths a hop sends on: their literal start ({@code /api/}), or the whole path when
 * {@code exact}. The empty start is nothing known. Compared with the next hop's path patterns and routes, it tells
 * whether anything there serves such paths.
 */
record PathStart(String text, boolean exact) {
    static final PathStart UNKNOWN = new PathStart("", false);

    /** Enough is known to judge: an exact path, or a start longer than "/". */
    boolean known() {
        return exact || text.length() > 1;
    }

    /** These paths behind {@code prefix} (an origin's originPath, a uri's path). */
    PathStart behind(String prefix) {
        if (prefix.isEmpty()) return this;
        return new PathStart(prefix + (text.isEmpty() ? "/" : text), exact);
    }

    /** The literal start of a CloudFront path pattern, up to its first {@code *} or {@code ?}; exact without one. */
    static PathStart of(PathPattern p) {
        String t = p.text();
        int wild = firstWildcard(t);
        return wild < 0 ? new PathStart(t, true) : new PathStart(t.substring(0, wild), false);
    }

    /** The literal start of a template ({@code /v1/$request.path.proxy}, {@code /x/{proxy}}) up to its first variable. */
    static PathStart ofTemplate(String template, char variable) {
        int at = template.indexOf(variable);
        String t = at < 0 ? template : template.substring(0, at);
        t = t.startsWith("/") ? t : "/" + t; // as the engine sends it
        return new PathStart(t, at < 0);
    }

    /** Whether some of these paths match the pattern. */
    boolean mayMatch(PathPattern p) {
        if (exact) return p.matches(text);
        String pattern = p.text();
        int i = 0;
        for (; i < pattern.length() && i < text.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') return true; // the path goes on as the pattern likes
            if (c != '?' && c != text.charAt(i)) return false;
        }
        return i == text.length(); // the start is spent: the rest of the path may be what the pattern asks
    }

    /** Whether every one of these paths matches the pattern. */
    boolean allMatch(PathPattern p) {
        return exact ? p.matches(text) : p.covers(new PathPattern(text + "*"));
    }

    @Override
    public String toString() {
        return exact ? "the path '" + text + "'" : "paths starting '" + text + "'";
    }

    private static int firstWildcard(String t) {
        int star = t.indexOf('*');
        int one = t.indexOf('?');
        return star < 0 ? one : one < 0 ? star : Math.min(star, one);
    }
}
