package dev.forecourt.edge.policy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a request's headers, cookies or query strings a policy takes, in CloudFront's four behaviours:
 * {@code none}, {@code all}, {@code whitelist} (only the named ones) and {@code allExcept}. Header names are
 * compared without case (RFC 9110 section 5.1); cookie and query string names exactly ({@code caseSensitive}), as
 * the cloud compares them and as the origin reads them: {@code ?Lang=} is another parameter than {@code ?lang=}, so
 * keying or forwarding one for the other would hand an origin a value it never asked for.
 */
public record Selection(Kind kind, Set<String> names, boolean caseSensitive) {
    public enum Kind { NONE, ALL, WHITELIST, ALL_EXCEPT }

    public static final Selection NONE = new Selection(Kind.NONE, Set.of());
    public static final Selection ALL = new Selection(Kind.ALL, Set.of());

    public Selection {
        names = caseSensitive ? Set.copyOf(names)
                : names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Header names: compared without case. */
    public Selection(Kind kind, Set<String> names) {
        this(kind, names, false);
    }

    /** Header names, only these. */
    public static Selection only(String... names) {
        return new Selection(Kind.WHITELIST, Set.of(names));
    }

    /** Header names. */
    public static Selection of(Kind kind, List<String> names) {
        return new Selection(kind, Set.copyOf(names));
    }

    /** Cookie or query string names, only these, compared exactly. */
    public static Selection exactly(String... names) {
        return new Selection(Kind.WHITELIST, Set.of(names), true);
    }

    /** Cookie or query string names, compared exactly. */
    public static Selection exact(Kind kind, List<String> names) {
        return new Selection(kind, Set.copyOf(names), true);
    }

    /** Whether a name is taken. */
    public boolean takes(String name) {
        return switch (kind) {
            case NONE -> false;
            case ALL -> true;
            case WHITELIST -> names.contains(key(name));
            case ALL_EXCEPT -> !names.contains(key(name));
        };
    }

    private String key(String name) {
        return caseSensitive ? name : name.toLowerCase(Locale.ROOT);
    }

    /** The union: what either takes. */
    public Selection or(Selection o) {
        if (kind == Kind.ALL || o.kind == Kind.NONE) return this;
        if (o.kind == Kind.ALL || kind == Kind.NONE) return o;
        if (kind == Kind.WHITELIST && o.kind == Kind.WHITELIST) {
            return new Selection(Kind.WHITELIST, union(names, o.names), caseSensitive);
        }
        if (kind == Kind.ALL_EXCEPT && o.kind == Kind.ALL_EXCEPT) {
            return new Selection(Kind.ALL_EXCEPT, names.stream().filter(o.names::contains).collect(Collectors.toSet()),
                    caseSensitive);
        }
        Selection except = kind == Kind.ALL_EXCEPT ? this : o;
        Selection only = kind == Kind.ALL_EXCEPT ? o : this;
        return new Selection(Kind.ALL_EXCEPT, except.names.stream().filter(n -> !only.names.contains(n))
                .collect(Collectors.toSet()), caseSensitive);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return s;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case ALL -> "all";
            case WHITELIST -> "whitelist " + names;
            case ALL_EXCEPT -> "allExcept " + names;
        };
    }
}
