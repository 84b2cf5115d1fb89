package dev.forecourt.cli.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A verb's help, from its declaration: the synopsis, what it does, each parameter and option, its own verbs. */
public final class Usage {
    static final int WIDTH = 80;
    /** Where descriptions begin, unless every left column is narrower; a longer one puts its text on the next line. */
    private static final int MAX_LEFT = 27;

    private Usage() {}

    /** The help of {@code verb}, called as {@code path} ("forecourt trace"). */
    public static String of(Verb verb, String path) {
        StringBuilder out = new StringBuilder();
        String head = "Usage: " + path + " ";
        wrap(out, head, synopsis(verb), head.length(), WIDTH);
        wrap(out, "", verb.doc(), 0, WIDTH);
        List<String[]> rows = new ArrayList<>();
        verb.parameters().forEach(p -> rows.add(new String[] {"      " + p.label(), p.doc()}));
        for (Option<?> o : verb.options()) {
            String shortName = o.names().size() > 1 ? o.names().getFirst() + ", " : "    ";
            rows.add(new String[] {"  " + shortName + o.name() + (o.label() == null ? "" : "=" + o.label()), o.help()});
        }
        table(out, rows);
        List<String[]> verbs = new ArrayList<>();
        for (Map.Entry<String, java.util.function.Supplier<Command>> v : verb.verbs().entrySet()) {
            Verb declared = v.getValue().get().verb();
            if (!declared.hidden()) {
                verbs.add(new String[] {"  " + v.getKey(), declared.doc()});
            }
        }
        if (verb.helpVerb()) {
            verbs.add(new String[] {"  " + Verb.HELP_VERB, Verb.HELP_VERB_DOC});
        }
        if (!verbs.isEmpty()) {
            out.append("Commands:\n");
            table(out, verbs);
        }
        return out.toString();
    }

    /**
     * "[-h] [-V] [--strict] [--admin=HOST:PORT]... FILE [COMMAND]": short flags first, then the rest as declared. Each
     * short flag stands alone, as {@link Parser} reads them: it takes no groups ({@code -hV}).
     */
    static String synopsis(Verb verb) {
        List<String> shortFlags = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (Option<?> o : verb.options()) {
            String first = o.names().getFirst();
            if (o.arity() == Option.Arity.FLAG && first.length() == 2) {
                shortFlags.add("[" + first + "]");
            } else if (o.arity() == Option.Arity.FLAG) {
                parts.add("[" + o.name() + "]");
            } else {
                parts.add("[" + first + "=" + o.label() + "]" + (o.arity() == Option.Arity.MANY ? "..." : ""));
            }
        }
        parts.addAll(0, shortFlags);
        verb.parameters().forEach(p -> parts.add(p.label()));
        if (!verb.verbs().isEmpty()) {
            parts.add("[COMMAND]");
        }
        return String.join(" ", parts);
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int left = 0;
        for (String[] r : rows) {
            left = Math.max(left, Math.min(r[0].length(), MAX_LEFT));
        }
        int textAt = left + 3;
        for (String[] r : rows) {
            if (r[0].length() > left) {
                out.append(r[0]).append('\n');
                wrap(out, " ".repeat(textAt), r[1], textAt + 2, WIDTH);
            } else {
                wrap(out, r[0] + " ".repeat(textAt - r[0].length()), r[1], textAt + 2, WIDTH);
            }
        }
    }

    /** {@code first} then {@code text}'s words, broken before {@code width}; later lines indented by {@code indent}. */
    static void wrap(StringBuilder out, String first, String text, int indent, int width) {
        StringBuilder line = new StringBuilder(first);
        int lineStart = line.length();
        for (String word : text.split(" ")) {
            if (line.length() > lineStart && line.length() + 1 + word.length() > width) {
                out.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                line.append(" ".repeat(indent));
                lineStart = line.length();
            }
            if (line.length() > lineStart) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
