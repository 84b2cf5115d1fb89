package dev.forecourt.edge.config;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * A YAML document as a tree whose every node knows its line, so that each configuration error can say where it
 * is. Built from SnakeYAML's parser events; duplicate keys, aliases, a second document and nesting deeper than
 * {@link #DEEPEST} are errors. Scalars stay text: a plain {@code ~}, {@code null}, {@code Null}, {@code NULL} or
 * nothing (and a {@code !!null} tag) is null, as Jackson's YAML parser, which this replaced, read them. Not Jackson:
 * its parser's class set-up computes {@code BigDecimal}'s tables (5^65536 by squaring, in the JDK's static
 * initializer: 22..28 ms in a fresh JVM, measured) in every start that reads a configuration file.
 */
public final class Yaml {
    private Yaml() {}

    /** How deep maps and lists may nest: a configuration needs a handful; a runaway file gets an error, not a stack overflow. */
    static final int DEEPEST = 64;

    /** SnakeYAML's own bound on a document (3 Mi code points), in chars. */
    static final int LARGEST = 3 * 1024 * 1024;

    private static final String NULL_TAG = "tag:yaml.org,2002:null";

    /** A node and the line it starts on. */
    public sealed interface Node permits MapNode, ListNode, Scalar {
        int line();
    }

    public record MapNode(int line, Map<String, Entry> entries) implements Node {}

    public record Entry(String key, int line, Node value) {}

    public record ListNode(int line, List<Node> items) implements Node {}

    /** {@code text} is null for an explicit null ({@code ~} or empty). */
    public record Scalar(int line, String text) implements Node {}

    /** Thrown for YAML that does not parse, with the line. */
    public static final class SyntaxError extends Exception {
        public final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    public static Node parse(Reader in) throws IOException, SyntaxError {
        String text = textOf(in);
        Events p = new Events(new ParserImpl(new StreamReader(text), new LoaderOptions()));
        try {
            p.next(); // stream start
            if (p.at(Event.ID.StreamEnd)) {
                return new MapNode(1, Map.of()); // nothing but comments, or nothing at all
            }
            p.next(); // document start
            Node root = read(p, p.next(), 1);
            p.next(); // document end
            if (!p.at(Event.ID.StreamEnd)) {
                throw new SyntaxError(p.next().line, "a second YAML document: a configuration is one document");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new SyntaxError(at == null ? p.line : line(at), e.getProblem() + context);
        } catch (ReaderException e) { // a character YAML does not allow: its line, from where it is
            throw new SyntaxError(lineAt(text, e.getPosition()), e.getMessage() + " (U+" + HexFormat.of()
                    .withUpperCase().toHexDigits((short) e.getCodePoint()) + ")");
        } catch (YAMLException e) {
            throw new SyntaxError(p.line, e.getMessage());
        } catch (RuntimeException e) { // SnakeYAML lets some slips out unwrapped (a bad \U escape: NumberFormatException)
            throw new SyntaxError(p.line, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The whole text, read first (a configuration is small; a file past {@link #LARGEST} is refused, not read on). */
    private static String textOf(Reader in) throws IOException, SyntaxError {
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[8192];
        for (int n; (n = in.read(chunk)) > 0; ) {
            text.append(chunk, 0, n);
            if (text.length() > LARGEST) {
                throw new SyntaxError(0, "larger than " + LARGEST / (1024 * 1024) + " MiB: not a configuration file?");
            }
        }
        return text.toString();
    }

    private static int lineAt(String text, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The parser's events, and the line of the last one read: where an error without a position of its own is. */
    private static final class Events {
        private final Parser parser;
        int line = 1;

        Events(Parser parser) {
            this.parser = parser;
        }

        Located next() {
            Event e = parser.getEvent();
            line = line(e.getStartMark());
            return new Located(e, line);
        }

        boolean at(Event.ID id) {
            return parser.checkEvent(id);
        }
    }

    private record Located(Event event, int line) {}

    private static Node read(Events p, Located at, int depth) throws SyntaxError {
        int line = at.line();
        Event e = at.event();
        switch (e.getEventId()) {
            case MappingStart -> {
                deepest(depth, line);
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (!p.at(Event.ID.MappingEnd)) {
                    Located k = p.next();
                    if (!(k.event() instanceof ScalarEvent key)) {
                        throw new SyntaxError(k.line(), k.event() instanceof AliasEvent a ? alias(a)
                                : "a key must be text, not a map or a list");
                    }
                    String name = key.getValue();
                    if (entries.containsKey(name)) {
                        throw new SyntaxError(k.line(), "duplicate key '" + name + "' (first on line " + entries.get(name).line() + ")");
                    }
                    Node value = read(p, p.next(), depth + 1);
                    entries.put(name, new Entry(name, k.line(), value));
                }
                p.next();
                return new MapNode(line, entries);
            }
            case SequenceStart -> {
                deepest(depth, line);
                List<Node> items = new ArrayList<>();
                while (!p.at(Event.ID.SequenceEnd)) {
                    items.add(read(p, p.next(), depth + 1));
                }
                p.next();
                return new ListNode(line, items);
            }
            case Scalar -> {
                ScalarEvent s = (ScalarEvent) e;
                return new Scalar(line, isNull(s) ? null : s.getValue());
            }
            case Alias -> throw new SyntaxError(line, alias((AliasEvent) e));
            default -> throw new SyntaxError(line, "unexpected " + e.getEventId());
        }
    }

    private static void deepest(int depth, int line) throws SyntaxError {
        if (depth > DEEPEST) {
            throw new SyntaxError(line, "maps and lists nested deeper than " + DEEPEST + " levels");
        }
    }

    /**
     * Null as Jackson's YAML parser read it: a scalar whose tag may be left out (plain and untagged, or tagged
     * {@code !}) reading {@code ~}, {@code null}, {@code Null}, {@code NULL} or nothing; or a non-empty one tagged
     * {@code !!null}.
     */
    private static boolean isNull(ScalarEvent s) {
        String v = s.getValue();
        if (s.getImplicit().canOmitTagInPlainScalar()) {
            return v.isEmpty() || v.equals("~") || v.equals("null") || v.equals("Null") || v.equals("NULL");
        }
        return NULL_TAG.equals(s.getTag()) && !v.isEmpty();
    }

    private static String alias(AliasEvent a) {
        return "aliases (*" + a.getAnchor() + ") are not supported: write the value out";
    }

    private static int line(Mark m) {
        return m.getLine() + 1;
    }
}
