package dev.forecourt.edge.framing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** What one client connection sends, as generated: its pieces in order. Shown as its mutations and its exact bytes. */
record Wire(List<Piece> pieces) {
    private static final String HOST_LINE = "Host: " + HeadGrammar.HOST + "\r\n";

    String text() {
        StringBuilder b = new StringBuilder();
        pieces.forEach(p -> b.append(p.text()));
        return b.toString();
    }

    /**
     * The text as sent in try n: the first request's Host line gets a tag field before it, so what the server
     * forwards after that try is over is still known as that try's. A plain field changes no framing.
     */
    String tagged(int n) {
        String text = text();
        int host = text.indexOf(HOST_LINE);
        return host < 0 ? text : text.substring(0, host) + RecordingOrigin.TAG + ": " + n + "\r\n" + text.substring(host);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    List<String> mutations() {
        return pieces.stream().map(Piece::label).filter(Objects::nonNull).toList();
    }

    @Override
    public String toString() {
        return mutations() + " " + Escape.literal(text());
    }
}
