package dev.forecourt.edge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node knows its line, so that each configuration error can say where it
 * is. Built from Jackson's streaming YAML parser; duplicate keys are errors.
 */
public final class Yaml {
    private Yaml() {}

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
        try (JsonParser p = new YAMLFactory().createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new MapNode(1, Map.of());
            }
            return read(p, t);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SyntaxError(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage());
        }
    }

    private static Node read(JsonParser p, JsonToken t) throws IOException, SyntaxError {
        int line = p.currentTokenLocation().getLineNr();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    if (entries.containsKey(key)) {
                        throw new SyntaxError(keyLine, "duplicate key '" + key + "' (first on line " + entries.get(key).line() + ")");
                    }
                    Node value = read(p, p.nextToken());
                    entries.put(key, new Entry(key, keyLine, value));
                }
                return new MapNode(line, entries);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(p, t));
                }
                return new ListNode(line, items);
            }
            case VALUE_NULL -> {
                return new Scalar(line, null);
            }
            default -> {
                return new Scalar(line, p.getText());
            }
        }
    }
}
