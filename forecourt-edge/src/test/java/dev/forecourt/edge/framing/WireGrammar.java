package dev.forecourt.edge.framing;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One connection's bytes: a request (request line, fields, framing, body), maybe a second request appended right
 * after the body (the smuggling attempt), then always a plain sentinel request with {@code Connection: close}. The
 * sentinel makes a well-framed conversation end in a close, so a try needs no idle wait; and whatever framing
 * error eats into it shows at the origin.
 */
final class WireGrammar {
    static final String SENTINEL = "GET /sentinel HTTP/1.1\r\nHost: " + HeadGrammar.HOST + "\r\nConnection: close\r\n\r\n";

    private WireGrammar() {}

    static Arbitrary<Wire> wires() {
        Arbitrary<Piece> headEnd = Choice.pieces(Choice.plain("\r\n", 60).or("head-end:bare-lf", "\n", 1));
        String second = "GET /smuggled HTTP/1.1\r\nHost: " + HeadGrammar.HOST + "\r\n\r\n";
        Arbitrary<Piece> smuggled = Choice.pieces(Choice.plain("", 16).or("second:get", second, 4)
                .or("second:post", "POST /smuggled HTTP/1.1\r\nHost: " + HeadGrammar.HOST + "\r\nContent-Length: 3\r\n\r\nabc", 2)
                .or("second:after-crlf", "\r\n" + second, 1).or("second:after-lf", "\n" + second, 1)
                .or("second:after-NUL", "\u0000" + second, 1).or("second:after-space", " " + second, 1)
                .or("second:unfinished-head", "GET /smuggled HTTP/1.1\r\nHost: " + HeadGrammar.HOST + "\r\n", 1));
        return Combinators.combine(HeadGrammar.requestLine(), HeadGrammar.fields(), FramingGrammar.framing(), headEnd, smuggled)
                .as((line, fields, framing, end, second2) -> {
                    List<Piece> all = new ArrayList<>(line);
                    all.addAll(fields);
                    all.addAll(framing.fields());
                    all.add(end);
                    all.addAll(framing.body());
                    all.add(second2);
                    all.add(Piece.plain(SENTINEL));
                    return new Wire(List.copyOf(all));
                });
    }
}
