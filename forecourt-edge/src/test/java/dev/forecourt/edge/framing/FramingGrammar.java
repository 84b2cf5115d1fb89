package dev.forecourt.edge.framing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * How a body is framed, with the mutations request smuggling lives on: Content-Length (signs, leading zeros, lists,
 * duplicates, wrong and huge values), Transfer-Encoding (case, lists, codings after chunked, look-alikes), both at
 * once, or no framing with a body anyway.
 */
final class FramingGrammar {
    /** The framing fields (each with its line end) and the body as sent. */
    record Framing(List<Piece> fields, List<Piece> body) {}

    private FramingGrammar() {}

    static Arbitrary<Framing> framing() {
        Arbitrary<String> content = Choice.plain("hello", 10).or("body:empty", "", 3).or("body:crlf", "a\r\nb", 2)
                .or("body:last-chunk", "0\r\n\r\n", 1)
                .or("body:request", "GET /inner HTTP/1.1\r\nHost: " + HeadGrammar.HOST + "\r\n\r\n", 2)
                .arbitrary().map(Choice.Option::value);
        Choice<String> kind = Choice.plain("content-length", 8).or("framing:chunked", "chunked", 8)
                .or("framing:none", "none", 3).or("framing:none-with-body", "none-with-body", 1)
                .or("framing:content-length-and-chunked", "both", 2);
        return Combinators.combine(kind.arbitrary(), content, contentLength().arbitrary(), transferEncoding(),
                        ChunkedGrammar.encoding())
                .as((k, body, cl, te, chunked) -> {
                    List<Piece> fields = new ArrayList<>();
                    List<Piece> sent = new ArrayList<>();
                    Piece clField = new Piece(cl.label(), cl.value().apply(body.length()));
                    switch (k.value()) {
                        case "content-length" -> {
                            fields.add(clField);
                            sent.add(Piece.plain(body));
                        }
                        case "chunked" -> {
                            fields.add(te);
                            sent.addAll(chunked.apply(body));
                        }
                        case "both" -> {
                            fields.add(clField);
                            fields.add(te);
                            sent.addAll(chunked.apply(body));
                        }
                        case "none-with-body" -> sent.add(Piece.plain(body));
                        default -> { } // none: no body
                    }
                    if (k.label() != null) {
                        fields.addFirst(new Piece(k.label(), ""));
                    }
                    return new Framing(fields, sent);
                });
    }

    /** The Content-Length field line(s) for a body of n bytes. */
    private static Choice<IntFunction<String>> contentLength() {
        return Choice.<IntFunction<String>>plain(n -> cl(n), 50)
                .or("cl:leading-zeros", n -> cl("00" + n), 2)
                .or("cl:plus", n -> cl("+" + n), 1)
                .or("cl:minus", n -> cl("-" + n), 1)
                .or("cl:ows", n -> "Content-Length: \t" + n + " \t\r\n", 1)
                .or("cl:name-case", n -> "content-LENGTH: " + n + "\r\n", 1)
                .or("cl:list-same", n -> cl(n + ", " + n), 1)
                .or("cl:list-different", n -> cl(n + ", " + (n + 1)), 1)
                .or("cl:duplicate-same", n -> cl(n) + cl(n), 1)
                .or("cl:duplicate-different", n -> cl(n) + cl(n + 1), 1)
                .or("cl:short", n -> cl(Math.max(0, n - 1)), 2)
                .or("cl:long", n -> cl(n + 1), 1)
                .or("cl:huge", n -> cl("99999999999999999999"), 1)
                .or("cl:wraps-to-n", n -> cl(String.valueOf(new java.math.BigInteger("18446744073709551616").add(java.math.BigInteger.valueOf(n)))), 1)
                .or("cl:hex", n -> cl("0x" + Integer.toHexString(n)), 1)
                .or("cl:empty", n -> cl(""), 1)
                .or("cl:space-inside", n -> cl("1 " + n), 1);
    }

    private static String cl(Object value) {
        return "Content-Length: " + value + "\r\n";
    }

    private static Arbitrary<Piece> transferEncoding() {
        return Choice.pieces(Choice.plain(te("chunked"), 45)
                .or("te:capitalised", te("Chunked"), 1).or("te:uppercase", te("CHUNKED"), 1)
                .or("te:ows", "Transfer-Encoding:\tchunked \r\n", 1)
                .or("te:chunked-twice-list", te("chunked, chunked"), 1)
                .or("te:chunked-twice-lines", te("chunked") + te("chunked"), 1)
                .or("te:chunked-then-gzip", te("chunked, gzip"), 1)
                .or("te:gzip-then-chunked", te("gzip, chunked"), 1)
                .or("te:gzip-line-then-chunked-line", te("gzip") + te("chunked"), 1)
                .or("te:xchunked", te("xchunked"), 1).or("te:chunked-suffix", te("chunkedx"), 1)
                .or("te:identity", te("identity"), 1).or("te:empty", te(""), 1)
                .or("te:trailing-comma", te("chunked,"), 1)
                .or("te:quoted", te("\"chunked\""), 1)
                .or("te:name-case", "transfer-ENCODING: chunked\r\n", 1));
    }

    private static String te(String value) {
        return "Transfer-Encoding: " + value + "\r\n";
    }
}
