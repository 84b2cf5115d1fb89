package dev.forecourt.edge.config;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
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
        Parser p = new ParserImpl(new StreamReader(in), new LoaderOptions());
        try {
            p.getEvent(); // stream start
            if (p.checkEvent(Event.ID.StreamEnd)) {
                return new MapNode(1, Map.of()); // nothing but comments, or nothing at all
            }
            p.getEvent(); // document start
            Node root = read(p, p.getEvent(), 1);
            p.getEvent(); // document end
            if (!p.checkEvent(Event.ID.StreamEnd)) {
                throw new SyntaxError(line(p.peekEvent().getStartMark()),
                        "a second YAML document: a configuration is one document");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new SyntaxError(at == null ? 0 : line(at), e.getProblem() + context);
        } catch (YAMLException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new SyntaxError(0, e.getMessage());
        }
    }

    private static Node read(Parser p, Event e, int depth) throws SyntaxError {
        int line = line(e.getStartMark());
        if (depth > DEEPEST) {
            throw new SyntaxError(line, "maps and lists nested deeper than " + DEEPEST + " levels");
        }
        switch (e.getEventId()) {
            case MappingStart -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (!p.checkEvent(Event.ID.MappingEnd)) {
                    Event k = p.getEvent();
                    int keyLine = line(k.getStartMark());
                    if (!(k instanceof ScalarEvent keyScalar)) {
                        throw new SyntaxError(keyLine, k instanceof AliasEvent ? alias((AliasEvent) k)
                                : "a key must be text, not a map or a list");
                    }
                    String key = keyScalar.getValue();
                    if (entries.containsKey(key)) {
                        throw new SyntaxError(keyLine, "duplicate key '" + key + "' (first on line " + entries.get(key).line() + ")");
                    }
                    Node value = read(p, p.getEvent(), depth + 1);
                    entries.put(key, new Entry(key, keyLine, value));
                }
                p.getEvent();
                return new MapNode(line, entries);
            }
            case SequenceStart -> {
                List<Node> items = new ArrayList<>();
                while (!p.checkEvent(Event.ID.SequenceEnd)) {
                    items.add(read(p, p.getEvent(), depth + 1));
                }
                p.getEvent();
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

    private static boolean isNull(ScalarEvent s) {
        String tag = s.getTag();
        if (tag == null || tag.equals("!")) {
            String v = s.getValue();
            return s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                    && (v.isEmpty() || v.equals("~") || v.equals("null") || v.equals("Null") || v.equals("NULL"));
        }
        return tag.equals(NULL_TAG) && !s.getValue().isEmpty();
    }

    private static String alias(AliasEvent a) {
        return "aliases (*" + a.getAnchor() + ") are not supported: write the value out";
    }

    private static int line(Mark m) {
        return m.getLine() + 1;
    }
}
