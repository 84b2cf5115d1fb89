package dev.forecourt.edge.framing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The chunked coding of a body (RFC 9112 section 7.1), in one chunk or two, with mutations on the first chunk's
 * size line (hex case, leading zeros, extensions good and bad, overflow that wraps to the right size, signs, bare
 * LF), on what ends the last chunk's data (so a bad second chunk follows a good first one), on the last chunk, the
 * trailer section and the final CRLF.
 */
final class ChunkedGrammar {
    private ChunkedGrammar() {}

    /** A function from body to the pieces that carry it chunked. */
    static Arbitrary<Function<String, List<Piece>>> encoding() {
        Choice<Function<Integer, String>> size = Choice.<Function<Integer, String>>plain(n -> hex(n) + "\r\n", 60)
                .or("size:uppercase-hex", n -> hex(n).toUpperCase() + "\r\n", 2)
                .or("size:leading-zeros", n -> "000" + hex(n) + "\r\n", 2)
                .or("size:extension", n -> hex(n) + ";a=b\r\n", 2)
                .or("size:extension-quoted", n -> hex(n) + ";a=\"x y\"\r\n", 1)
                .or("size:extension-bws", n -> hex(n) + " ; a = b\r\n", 1)
                .or("size:extension-empty", n -> hex(n) + ";\r\n", 1)
                .or("size:extension-control", n -> hex(n) + ";a\u0001\r\n", 1)
                .or("size:extension-bare-cr", n -> hex(n) + ";a\rb\r\n", 1)
                .or("size:extension-bare-lf", n -> hex(n) + ";a\nb\r\n", 1)
                .or("size:trailing-space", n -> hex(n) + " \r\n", 1)
                .or("size:0x", n -> "0x" + hex(n) + "\r\n", 1)
                .or("size:plus", n -> "+" + hex(n) + "\r\n", 1)
                .or("size:wraps-to-n", n -> "1" + String.format("%016x", n) + "\r\n", 1)
                .or("size:bare-lf", n -> hex(n) + "\n", 1);
        Arbitrary<Piece> dataEnd = Choice.pieces(Choice.plain("\r\n", 60).or("data-end:missing", "", 1)
                .or("data-end:bare-lf", "\n", 1).or("data-end:bare-cr", "\r", 1).or("data-end:other", "XX", 1));
        Arbitrary<Piece> last = Choice.pieces(Choice.plain("0\r\n", 60).or("last:zeros", "000\r\n", 1)
                .or("last:extension", "0;x=y\r\n", 1).or("last:bare-lf", "0\n", 1));
        Arbitrary<Piece> trailer = Choice.pieces(Choice.plain("", 60).or("trailer:field", "X-T: 1\r\n", 2)
                .or("trailer:content-length", "Content-Length: 5\r\n", 1).or("trailer:bad-name", "X T: 1\r\n", 1)
                .or("trailer:obs-fold", "X-F: a\r\n b\r\n", 1));
        Arbitrary<Piece> end = Choice.pieces(Choice.plain("\r\n", 60).or("final:bare-lf", "\n", 1)
                .or("final:missing", "", 1));
        Arbitrary<Boolean> twoChunks = Arbitraries.of(false, true);
        return Combinators.combine(size.arbitrary(), dataEnd, last, trailer, end, twoChunks)
                .as((s, d, l, t, e, two) -> body -> {
                    List<Piece> pieces = new ArrayList<>();
                    int split = two ? body.length() / 2 : body.length();
                    if (split > 0) {
                        pieces.add(new Piece(s.label(), s.value().apply(split)));
                        pieces.add(Piece.plain(body.substring(0, split)));
                        pieces.add(split < body.length() ? Piece.plain("\r\n") : d);
                    }
                    if (split < body.length()) {
                        pieces.add(new Piece("chunks:two", hex(body.length() - split) + "\r\n" + body.substring(split)));
                        pieces.add(d);
                    }
                    pieces.add(l);
                    pieces.add(t);
                    pieces.add(e);
                    return pieces;
                });
    }

    private static String hex(int n) {
        return Integer.toHexString(n);
    }
}
