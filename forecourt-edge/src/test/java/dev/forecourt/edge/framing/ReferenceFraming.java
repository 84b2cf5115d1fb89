package dev.forecourt.edge.framing;

import dev.forecourt.edge.framing.Expectation.Ending;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small, strict RFC 9112 framer: reads a connection's bytes the way a correct strict server would, and says which
 * requests it forwards and how the connection ends. It is written from the RFC, not from Forecourt or Netty, so the
 * two can disagree. Product rules stricter than the RFC (ARCHITECTURE.md section 5: obs-fold, Content-Length with
 * Transfer-Encoding, bare LF line ends, exactly one Host) make a message invalid; where the RFC lets a server either
 * accept or reject, the request is framed as accepted and the leniency noted, so both outcomes pass.
 */
final class ReferenceFraming {
    /** Ends the framing: the rest of the bytes are not framed. */
    private static final class Stop extends RuntimeException {
        final Ending ending;

        Stop(Ending ending, String why) {
            super(why, null, false, false);
            this.ending = ending;
        }
    }

    private final String in; // ISO-8859-1: one char per byte
    private int pos;
    private boolean persistent; // of the message just framed
    private String closeReason;

    private ReferenceFraming(String in) {
        this.in = in;
    }

    static Expectation frame(String wire) {
        return new ReferenceFraming(wire).run();
    }

    private Expectation run() {
        List<Framed> framed = new ArrayList<>();
        try {
            while (pos < in.length()) {
                List<String> lenient = new ArrayList<>();
                Framed f = message(lenient);
                framed.add(f);
                if (!persistent) {
                    return new Expectation(framed, Ending.CLOSE, closeReason);
                }
            }
            return new Expectation(framed, Ending.OPEN, "every byte framed; the connection stays open");
        } catch (Stop s) {
            return new Expectation(framed, s.ending, s.getMessage());
        }
    }

    private Framed message(List<String> lenient) {
        // RFC 9112 2.2: SHOULD ignore at least one empty line before the request line (and MAY take a bare LF for CRLF)
        while (in.startsWith("\r\n", pos) || in.startsWith("\n", pos)) {
            lenient.add("an empty line before the request line (RFC 9112 2.2: SHOULD ignore)");
            pos += in.startsWith("\r\n", pos) ? 2 : 1;
        }
        if (pos >= in.length()) {
            throw new Stop(Ending.OPEN, "only empty lines after the last request");
        }
        String[] words = requestLine(line(), lenient);
        if (!Syntax.token(words[0])) {
            throw invalid("the method is not a token");
        }
        String target = originForm(words[1], lenient);
        boolean http10 = http10(words[2], lenient);
        List<String[]> fields = fields(lenient, true);

        if (values(fields, "host").size() != 1) {
            throw invalid("not exactly one Host field (RFC 9112 3.2: MUST 400)");
        }
        List<String> te = values(fields, "transfer-encoding");
        List<String> cl = values(fields, "content-length");
        List<String> connection = elements(values(fields, "connection"), true).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        boolean close = connection.contains("close");
        persistent = http10 ? connection.contains("keep-alive") && !close : !close;
        closeReason = close ? "Connection: close" : "HTTP/1.0 without keep-alive";
        String body;
        if (!te.isEmpty()) {
            if (!cl.isEmpty()) {
                throw invalid("Content-Length with Transfer-Encoding (RFC 9112 6.3 lets a server refuse; ARCHITECTURE 5 does)");
            }
            List<String> codings = elements(te, true);
            if (codings.isEmpty() || !codings.getLast().equalsIgnoreCase("chunked")) {
                throw invalid("chunked is not the final transfer coding (RFC 9112 6.3: MUST 400)");
            }
            for (String c : codings) {
                if (!Syntax.token(c)) {
                    throw invalid("a transfer coding is not a token");
                }
                if (!c.equalsIgnoreCase("chunked")) {
                    // a server that does not decode the coding (gzip too) SHOULD answer 501; one that passes it on
                    // as it came may take it
                    lenient.add("a transfer coding other than chunked '" + c + "' (RFC 9112 6.1: SHOULD 501)");
                }
            }
            if (codings.stream().filter(c -> c.equalsIgnoreCase("chunked")).count() > 1) {
                lenient.add("chunked applied more than once (RFC 9112 7: a sender MUST NOT)");
            }
            if (http10) {
                lenient.add("Transfer-Encoding in HTTP/1.0 (RFC 9112 6.1: treat the framing as faulty, close after)");
                persistent = false;
                closeReason = "Transfer-Encoding in HTTP/1.0";
            }
            body = chunked(lenient);
        } else if (!cl.isEmpty()) {
            body = fixedLength(elements(cl, false), lenient);
        } else {
            body = "";
        }
        return new Framed(words[0], target, body, List.copyOf(lenient));
    }

    /** method SP request-target SP HTTP-version; other whitespace only as RFC 9112 section 3's MAY. */
    private static String[] requestLine(String line, List<String> lenient) {
        String[] strict = line.split(" ", -1);
        if (strict.length == 3 && !strict[0].isEmpty() && !strict[1].isEmpty() && !strict[2].isEmpty()) {
            return strict;
        }
        // RFC 9112 3: MAY parse on whitespace (SP, HTAB, VT, FF, bare CR), ignoring leading and trailing whitespace
        String loose = line.replace('\t', ' ').replace('\u000b', ' ').replace('\u000c', ' ').replace('\r', ' ');
        String[] words = loose.replaceAll("^ +| +$", "").split(" +");
        if (words.length == 3) {
            lenient.add("whitespace other than single SP in the request line (RFC 9112 3: MAY split on whitespace)");
            return words;
        }
        throw invalid("the request line is not method SP request-target SP HTTP-version");
    }

    /** The target as it must reach the origin: origin-form as is, absolute-form reduced to path and query. */
    private static String originForm(String raw, List<String> lenient) {
        String form = raw;
        String lower = raw.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"http://", "https://"}) {
            if (lower.startsWith(scheme)) {
                if (!raw.startsWith(scheme)) {
                    lenient.add("an uppercase scheme in absolute-form (RFC 3986 3.1: case-insensitive)");
                }
                String rest = raw.substring(scheme.length());
                int end = 0;
                while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) end++;
                if (!rest.substring(0, end).equalsIgnoreCase(HeadGrammar.HOST)) {
                    throw invalid("absolute-form with an authority this test does not route");
                }
                String path = rest.substring(end);
                form = path.isEmpty() ? "/" : path.startsWith("?") ? "/" + path : path;
            }
        }
        if (!Syntax.originForm(form)) {
            if (Syntax.originForm(form.replace("[", "%5B").replace("]", "%5D"))) {
                // browsers send [ and ] unencoded in paths and queries (the WHATWG URL standard leaves them), so a
                // server may take them as they came
                lenient.add("raw [ or ] in the target (not RFC 3986 pchar, but sent by browsers)");
            } else {
                throw invalid("the request-target is not RFC 3986 origin-form or absolute-form (RFC 9112 3.2: SHOULD 400)");
            }
        }
        return form;
    }

    /** True for HTTP/1.0; HTTP/1.1 and higher 1.x minors (read as 1.1) false; anything else invalid. */
    private static boolean http10(String version, List<String> lenient) {
        if (version.equals("HTTP/1.1")) {
            return false;
        }
        if (version.equals("HTTP/1.0")) {
            return true;
        }
        if (version.matches("HTTP/1\\.[2-9]")) {
            lenient.add("a higher minor version (RFC 9110 2.5: SHOULD process as HTTP/1.1)");
            return false;
        }
        throw invalid("the version is not HTTP/1.x in RFC 9112 2.3 syntax (HTTP-name is case-sensitive)");
    }

    /** Field lines up to the empty line: [lowercase name, value]. */
    private List<String[]> fields(List<String> lenient, boolean afterRequestLine) {
        List<String[]> out = new ArrayList<>();
        boolean first = afterRequestLine;
        while (true) {
            String line = line();
            if (line.isEmpty()) {
                return out;
            }
            if (Syntax.ows(line.charAt(0))) {
                if (first) {
                    lenient.add("a whitespace-preceded line after the request line (RFC 9112 2.2: reject, or ignore the line)");
                    continue;
                }
                throw invalid("obs-fold (RFC 9112 5.2 lets a server refuse it; ARCHITECTURE 5 does)");
            }
            first = false;
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw invalid("a field line without a colon");
            }
            String name = line.substring(0, colon);
            if (!Syntax.token(name)) {
                throw invalid(!name.isEmpty() && Syntax.ows(name.charAt(name.length() - 1))
                        ? "whitespace between field name and colon (RFC 9112 5.1: MUST 400)" : "a field name is not a token");
            }
            StringBuilder value = new StringBuilder();
            for (char c : Syntax.trimOws(line.substring(colon + 1)).toCharArray()) {
                if (c == '\r' || c == 0) {
                    lenient.add("CR or NUL in a field value (RFC 9110 5.5: reject, or replace with SP)");
                    value.append(' ');
                } else {
                    if (Syntax.control(c)) {
                        lenient.add("a control in a field value (RFC 9110 5.5: MAY be kept)");
                    }
                    value.append(c);
                }
            }
            out.add(new String[] {name.toLowerCase(Locale.ROOT), value.toString()});
        }
    }

    private String fixedLength(List<String> values, List<String> lenient) {
        BigInteger length = null;
        for (String v : values) {
            if (!Syntax.digits(v)) {
                throw invalid("Content-Length is not 1*DIGIT (RFC 9112 6.3: MUST 400)");
            }
            BigInteger n = new BigInteger(v);
            if (length != null && !length.equals(n)) {
                throw invalid("differing Content-Length values (RFC 9112 6.3: MUST 400)");
            }
            length = n;
        }
        if (values.size() > 1) {
            lenient.add("a repeated identical Content-Length (RFC 9110 8.6: reject, or use the one value)");
        }
        if (length.compareTo(BigInteger.valueOf(in.length() - pos)) > 0) {
            throw new Stop(Ending.INCOMPLETE, "the bytes end before Content-Length " + length);
        }
        int n = length.intValue();
        pos += n;
        return in.substring(pos - n, pos);
    }

    /** RFC 9112 7.1: chunks, last-chunk, trailer section; the body is the chunk data joined. */
    private String chunked(List<String> lenient) {
        StringBuilder body = new StringBuilder();
        while (true) {
            String line = line();
            int digits = 0;
            while (digits < line.length() && Syntax.hexdig(line.charAt(digits))) digits++;
            if (digits == 0) {
                throw invalid("a chunk size is not hex digits");
            }
            String significant = line.substring(0, digits).replaceFirst("^0+", "");
            if (significant.length() > 15) {
                throw invalid("a chunk size too large to hold (a parser that overflows reads another size)");
            }
            long size = significant.isEmpty() ? 0 : Long.parseLong(significant, 16);
            String extensions = line.substring(digits);
            if (!Syntax.chunkExtensions(extensions)) {
                if (extensions.chars().anyMatch(c -> Syntax.control((char) c))) {
                    throw invalid("a control in a chunk extension");
                }
                lenient.add("a malformed chunk extension or whitespace after the size (a lenient parser ignores it)");
            }
            if (size == 0) {
                fields(lenient, false);
                return body.toString();
            }
            if (size > in.length() - pos) {
                throw new Stop(Ending.INCOMPLETE, "the bytes end inside chunk data");
            }
            body.append(in, pos, pos + (int) size);
            pos += (int) size;
            String after = in.substring(pos, Math.min(in.length(), pos + 2));
            if (!after.equals("\r\n")) {
                if ("\r\n".startsWith(after)) {
                    throw new Stop(Ending.INCOMPLETE, "the bytes end after chunk data");
                }
                throw invalid("chunk data is not followed by CRLF");
            }
            pos += 2;
        }
    }

    /** The next line without its CRLF. A bare LF ends the framing (product rule; RFC 9112 2.2 says MAY accept). */
    private String line() {
        int lf = in.indexOf('\n', pos);
        if (lf < 0) {
            throw new Stop(Ending.INCOMPLETE, "the bytes end inside a line");
        }
        if (lf == pos || in.charAt(lf - 1) != '\r') {
            throw invalid("a bare LF line end (StrictRequestDecoder refuses it)");
        }
        String line = in.substring(pos, lf - 1);
        pos = lf + 1;
        return line;
    }

    private static List<String> values(List<String[]> fields, String name) {
        return fields.stream().filter(f -> f[0].equals(name)).map(f -> f[1]).toList();
    }

    /** RFC 9110 5.6.1 list elements, trimmed; empty ones dropped where the rule allows them. */
    private static List<String> elements(List<String> values, boolean dropEmpty) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String e : v.split(",", -1)) {
                String t = Syntax.trimOws(e);
                if (!(dropEmpty && t.isEmpty())) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static Stop invalid(String why) {
        return new Stop(Ending.INVALID, why);
    }
}
