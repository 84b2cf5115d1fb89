package dev.forecourt.iiif;

import dev.forecourt.http.JsonString;
import java.nio.charset.StandardCharsets;

/**
 * Writes one JSON document laid out as info.json always has been: an object's members one a line, indented two spaces
 * per object, {@code "name" : value}; an array on one line, {@code [ a, b ]}. Written by hand because a JSON library
 * is ~80 classes that every start of the image server would load for this one document.
 */
final class PrettyJson {
    private static final int MAX_DEPTH = 8;
    private final StringBuilder b = new StringBuilder(1024);
    /** Per open container, outermost first: whether it is an object, and how many members or values it has so far. */
    private final boolean[] object = new boolean[MAX_DEPTH];
    private final int[] count = new int[MAX_DEPTH];
    private int depth;
    private int objects;

    PrettyJson startObject() {
        value().append('{');
        return open(true);
    }

    PrettyJson endObject() {
        objects--;
        if (close() > 0) {
            indent(objects).append('}');
        } else {
            b.append(" }");
        }
        return this;
    }

    PrettyJson startArray() {
        value().append('[');
        return open(false);
    }

    PrettyJson endArray() {
        close();
        b.append(" ]");
        return this;
    }

    /** The next member's name, in the object open now. */
    PrettyJson name(String name) {
        if (depth == 0 || !object[depth - 1]) {
            throw new IllegalStateException("a member's name outside an object: " + name);
        }
        if (count[depth - 1]++ > 0) {
            b.append(',');
        }
        JsonString.append(indent(objects), name).append(" : ");
        return this;
    }

    PrettyJson string(String s) {
        JsonString.append(value(), s);
        return this;
    }

    PrettyJson number(long n) {
        value().append(n);
        return this;
    }

    /** The document, with a line end after it. */
    byte[] bytes() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " containers still open");
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Where a value goes: after a member's name, or as an array's next value. */
    private StringBuilder value() {
        if (depth > 0 && !object[depth - 1]) {
            b.append(count[depth - 1]++ > 0 ? ", " : " ");
        }
        return b;
    }

    private PrettyJson open(boolean isObject) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("more than " + MAX_DEPTH + " containers open");
        }
        object[depth] = isObject;
        count[depth++] = 0;
        if (isObject) {
            objects++;
        }
        return this;
    }

    /** Closes the innermost container; how many members or values it had. */
    private int close() {
        return count[--depth];
    }

    private StringBuilder indent(int level) {
        b.append('\n');
        for (int i = 0; i < level; i++) {
            b.append("  ");
        }
        return b;
    }
}
