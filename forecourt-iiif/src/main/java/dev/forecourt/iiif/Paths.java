package dev.forecourt.iiif;

import dev.forecourt.iiif.request.IiifException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of path segments (RFC 3986): strict decoding of identifiers, and encoding them back into URIs. */
final class Paths {
    private Paths() {}

    /** The path of a request target (origin-form or absolute-form), without its query. */
    static String path(String target) {
        String t = target;
        if (t.startsWith("http://") || t.startsWith("https://")) {
            int slash = t.indexOf('/', t.indexOf("//") + 2);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int q = t.indexOf('?');
        int f = t.indexOf('#');
        int end = q < 0 ? f : f < 0 ? q : Math.min(q, f);
        return end < 0 ? t : t.substring(0, end);
    }

    static String decode(String segment) throws IiifException {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length() || Character.digit(segment.charAt(i + 1), 16) < 0
                        || Character.digit(segment.charAt(i + 2), 16) < 0) {
                    throw IiifException.badIdentifier("'" + ImageStore.printable(segment) + "' has a '%' not followed by two hex digits");
                }
                b.write(Character.digit(segment.charAt(i + 1), 16) * 16 + Character.digit(segment.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                b.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw IiifException.badIdentifier("'" + ImageStore.printable(segment) + "' does not decode to UTF-8");
        }
    }

    /** Encodes everything but RFC 3986's unreserved characters and a few safe sub-delimiters. */
    static String encode(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '!' || c == '$' || c == '\''
                    || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=' || c == ':'
                    || c == '@') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
