package dev.forecourt.edge.role.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The value side of a parameter mapping, compiled: literal text and references, {@code $request.header.x} or
 * {@code ${request.header.x}} (braces inside longer text). What a reference names is read when the mapping runs,
 * from a {@link Lookup}; one that names nothing is the empty string, as in API Gateway.
 */
public final class MappingValue {
    /** Where a reference reads. */
    public enum Source { REQUEST_HEADER, REQUEST_QUERYSTRING, REQUEST_PATH, PATH_VARIABLE, CONTEXT, STAGE_VARIABLE,
        RESPONSE_HEADER }

    /** A reference: its source and name ({@code header1}, {@code requestId}, {@code authorizer.claims.sub}). */
    public record Ref(Source source, String name) {}

    /** What a mapping reads references from. */
    @FunctionalInterface
    public interface Lookup {
        String value(Source source, String name);
    }

    private final String text;
    private final List<Object> parts; // String literals and Refs

    private MappingValue(String text, List<Object> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** Compiles {@code text}; IllegalArgumentException says what is wrong. */
    public static MappingValue parse(String text) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            String name;
            int end;
            if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("'" + text.substring(i) + "' is missing its '}'");
                }
                name = text.substring(i + 2, close);
                end = close + 1;
            } else {
                end = i + 1;
                while (end < text.length() && isNameChar(text.charAt(end))) end++;
                while (end > i + 1 && text.charAt(end - 1) == '.') end--; // a sentence's full stop is text
                name = text.substring(i + 1, end);
            }
            Ref ref = ref(name);
            if (ref == null) { // '$' before something else is text
                literal.append(c);
                i++;
                continue;
            }
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(ref);
            i = end;
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new MappingValue(text, parts);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
    }

    /** The reference {@code name} stands for, null when it is no reference, IllegalArgumentException when it is a bad one. */
    private static Ref ref(String name) {
        String root = name.indexOf('.') < 0 ? name : name.substring(0, name.indexOf('.'));
        switch (root) {
            case "request" -> {
                if (name.equals("request.path")) return new Ref(Source.REQUEST_PATH, "");
                if (name.startsWith("request.path.")) return named(Source.PATH_VARIABLE, name, "request.path.");
                if (name.startsWith("request.header.")) return named(Source.REQUEST_HEADER, name, "request.header.");
                if (name.startsWith("request.querystring.")) {
                    return named(Source.REQUEST_QUERYSTRING, name, "request.querystring.");
                }
                if (name.startsWith("request.body")) {
                    throw new IllegalArgumentException("$" + name + ": this version maps no body ($request.body)");
                }
                throw new IllegalArgumentException("'$" + name + "' is no request value; write $request.header.NAME,"
                        + " $request.querystring.NAME, $request.path or $request.path.NAME");
            }
            case "response" -> {
                if (name.startsWith("response.header.")) return named(Source.RESPONSE_HEADER, name, "response.header.");
                throw new IllegalArgumentException("'$" + name + "' is no response value; write $response.header.NAME"
                        + " (this version maps no body)");
            }
            case "context" -> {
                String v = name.substring(Math.min(name.length(), "context.".length()));
                if (!ContextVariables.known(v)) {
                    throw new IllegalArgumentException("'$" + name + "' is no context variable this version knows; known: "
                            + ContextVariables.names());
                }
                return new Ref(Source.CONTEXT, v);
            }
            case "stageVariables" -> {
                return named(Source.STAGE_VARIABLE, name, "stageVariables.");
            }
            default -> {
                if (looksMeant(name)) {
                    throw new IllegalArgumentException("'$" + name + "' is no value: values are $request.*, $response.*,"
                            + " $context.* and $stageVariables.*" + caseHint(root) + " (a '$' before anything else is"
                            + " text, as in '$5')");
                }
                return null;
            }
        }
    }

    private static final List<String> ROOTS = List.of("request", "response", "context", "stageVariables");

    /** A dotted name that starts with a letter ({@code $requst.header.a}): a reference mistyped, not text. */
    private static boolean looksMeant(String name) {
        return !name.isEmpty() && Character.isLetter(name.charAt(0)) && name.indexOf('.') > 0;
    }

    private static String caseHint(String root) {
        for (String known : ROOTS) {
            if (known.equalsIgnoreCase(root)) return "; names are case-sensitive: $" + known;
        }
        return "";
    }

    private static Ref named(Source source, String name, String prefix) {
        String n = name.substring(prefix.length());
        if (n.isEmpty()) {
            throw new IllegalArgumentException("'$" + name + "' names nothing after '" + prefix + "'");
        }
        return new Ref(source, n);
    }

    /** The value, references read from {@code lookup} (null ones are empty). */
    public String evaluate(Lookup lookup) {
        if (parts.size() == 1) {
            return one(parts.getFirst(), lookup);
        }
        StringBuilder b = new StringBuilder(64);
        for (Object p : parts) {
            b.append(one(p, lookup));
        }
        return b.toString();
    }

    private static String one(Object part, Lookup lookup) {
        if (part instanceof String s) {
            return s;
        }
        Ref r = (Ref) part;
        String v = lookup.value(r.source(), r.name());
        return v == null ? "" : v;
    }

    /** Its references, for the reader's checks. */
    public List<Ref> refs() {
        return parts.stream().filter(Ref.class::isInstance).map(Ref.class::cast).toList();
    }

    /** Whether it reads anything from {@code source}. */
    public boolean reads(Source source) {
        for (Object p : parts) {
            if (p instanceof Ref r && r.source() == source) return true;
        }
        return false;
    }

    /** The text as written. */
    @Override
    public String toString() {
        return text;
    }
}
