package dev.forecourt.edge.framing;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The request line and the header fields other than the framing ones: mostly plain, each part sometimes mutated in
 * one of the ways parsers are known to disagree on (separators, versions, bytes in the target, field-name syntax,
 * controls in values, obs-fold, bare CR and LF).
 */
final class HeadGrammar {
    static final String HOST = "iiif.internal";

    private HeadGrammar() {}

    static Arbitrary<List<Piece>> requestLine() {
        Arbitrary<Piece> method = Choice.pieces(Choice.plain("GET", 14)
                .or("method:POST", "POST", 10).or("method:PUT", "PUT", 4)
                .or("method:lowercase", "get", 1).or("method:non-token", "G@T", 1).or("method:control", "GE\u0001T", 1));
        Arbitrary<Piece> separator = Choice.pieces(Choice.plain(" ", 80)
                .or("separator:double-space", "  ", 1).or("separator:tab", "\t", 1)
                .or("separator:vt", "\u000b", 1).or("separator:bare-cr", "\r", 1));
        Arbitrary<Piece> version = Choice.pieces(Choice.plain("HTTP/1.1", 60)
                .or("version:1.0", "HTTP/1.0", 3).or("version:1.2", "HTTP/1.2", 1).or("version:lowercase", "http/1.1", 1)
                .or("version:2.0", "HTTP/2.0", 1).or("version:two-digit-minor", "HTTP/1.10", 1)
                .or("version:trailing-space", "HTTP/1.1 ", 1));
        Arbitrary<Piece> end = Choice.pieces(Choice.plain("\r\n", 60).or("line-end:bare-lf", "\n", 1));
        return Combinators.combine(method, separator, target(), separator, version, end)
                .as((m, s1, t, s2, v, e) -> {
                    List<Piece> line = new ArrayList<>();
                    line.add(m);
                    line.add(s1);
                    line.addAll(t);
                    line.add(s2);
                    line.add(v);
                    line.add(e);
                    return line;
                });
    }

    /** Origin-form or absolute-form, a few path atoms (valid ones far more likely), an optional query. */
    private static Arbitrary<List<Piece>> target() {
        Arbitrary<Piece> form = Choice.pieces(Choice.plain("/", 30)
                .or("target:absolute-form", "http://" + HOST + "/", 2)
                .or("target:absolute-form-uppercase-scheme", "HTTP://" + HOST + "/", 1));
        Choice<String> atoms = Choice.plain("a", 300).or("atom:digits", "x1", 5).or("atom:pct", "%41", 5)
                .or("atom:unreserved", "-._~", 3).or("atom:sub-delims", "!$&'()*+,;=", 3).or("atom:colon-at", ":@", 3)
                .or("atom:slash", "/", 3);
        for (String raw : new String[] {"\"", "<", ">", "{", "}", "|", "\\", "^", "`", "#", "[", "]"}) {
            atoms.or("target:raw-" + raw, raw, 1);
        }
        atoms.or("target:NUL", "\u0000", 1).or("target:control", "\u0001", 1).or("target:DEL", "\u007f", 1)
                .or("target:non-ascii", "\u00e9", 1).or("target:bad-pct", "%zz", 1).or("target:short-pct", "%4", 1);
        Arbitrary<List<Piece>> path = Choice.pieces(atoms).list().ofMaxSize(3);
        Arbitrary<Piece> query = Choice.pieces(Choice.plain("", 8).or("query", "?q=1", 2).or("query:empty", "?", 1));
        return Combinators.combine(form, path, query).as((f, p, q) -> {
            List<Piece> t = new ArrayList<>();
            t.add(f);
            t.addAll(p);
            t.add(q);
            return t;
        });
    }

    /** The Host field and up to two others, the Host first or last; each line carries its own line end. */
    static Arbitrary<List<Piece>> fields() {
        Choice<String> field = Choice.plain("Accept: */*\r\n", 60)
                .or("field:connection-close", "Connection: close\r\n", 3)
                .or("field:connection-keep-alive", "Connection: keep-alive\r\n", 3)
                .or("field:obs-text", "X-Obs: \u00ff\r\n", 1)
                .or("field:value-control", "X-Ctl: a\u0001b\r\n", 1).or("field:value-DEL", "X-Del: a\u007fb\r\n", 1)
                .or("field:value-NUL", "X-Nul: a\u0000b\r\n", 1).or("field:value-bare-cr", "X-Cr: a\rb\r\n", 1)
                .or("field:name-space", "X Space: v\r\n", 1).or("field:space-before-colon", "X-Sp : v\r\n", 1)
                .or("field:tab-before-colon", "X-Tab\t: v\r\n", 1).or("field:name-control", "X\u0001Ctl: v\r\n", 1)
                .or("field:no-colon", "NoColon\r\n", 1).or("field:empty-name", ": v\r\n", 1)
                .or("field:obs-fold", "X-Fold: a\r\n b\r\n", 1).or("field:leading-space", " X-Lead: v\r\n", 1)
                .or("field:bare-lf", "X-Lf: v\n", 1);
        Arbitrary<Piece> host = Choice.pieces(Choice.plain("Host: " + HOST + "\r\n", 1));
        Arbitrary<Boolean> hostFirst = Arbitraries.of(true, false);
        return Combinators.combine(host, Choice.pieces(field).list().ofMaxSize(2), hostFirst).as((h, others, first) -> {
            List<Piece> all = new ArrayList<>(others);
            all.add(first ? 0 : all.size(), h);
            return all;
        });
    }
}
