package dev.forecourt.cli.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trace told as a person would tell it, in lines of at most {@value #WIDTH} columns: the request, then each hop
 * (what arrived, what it decided, what it sent, what came back), the hop that made the answer marked, and under it,
 * when the answer is one of our errors, what happened and the fix.
 */
public final class Story {
    static final int WIDTH = 100;
    private static final String NOTE_INDENT = "              "; // under the text of a note

    private Story() {}

    public static String tell(TracedRequest request, TracedRequest.Answer answer, List<Map<String, Object>> hops,
                              List<String> problems) {
        List<String> out = new ArrayList<>();
        wrap(out, "", request.head().lines().findFirst().orElse("") + "  (to " + request.address().getHostString() + ":"
                + request.address().getPort() + ", trace " + request.traceId() + ")");
        wrap(out, "", "-> " + answer.status() + " " + answer.reason() + ", " + answer.bodyBytes() + " bytes in "
                + answer.millis() + " ms" + (answer.header("forecourt-error") != null ? "; forecourt-error: "
                + answer.header("forecourt-error") + ", forecourt-hop: " + answer.header("forecourt-hop") : ""));
        int made = Hops.answering(hops);
        for (int i = 0; i < hops.size(); i++) {
            Map<String, Object> h = hops.get(i);
            out.add("");
            String mark = i == made ? "  <== made the answer" : "";
            out.add(clip((i + 1) + "  " + h.get("hop") + ("tcp".equals(h.get("kind")) ? "  (TCP: bytes only)" : "")
                    + (h.get("durationMs") != null ? "  " + h.get("durationMs") + " ms" : "") + mark));
            if (h.get("notes") instanceof List<?> notes) {
                for (Object n : notes) {
                    if (n instanceof Map<?, ?> note) {
                        wrap(out, "   " + pad(String.valueOf(note.get("phase")), 10) + " ", String.valueOf(note.get("text")));
                    }
                }
            }
            if (i == made && h.get("error") != null) {
                wrap(out, "   => ", h.get("error") + ": " + h.get("detail"));
                wrap(out, "   fix: ", String.valueOf(h.get("fix")));
            }
        }
        out.add("");
        if (hops.isEmpty()) {
            wrap(out, "", "No hop recorded this trace. " + (problems.isEmpty() ? "" : String.join("; ", problems) + ". ")
                    + "A hop records only when it honours forecourt-trace: from loopback, from a peer it trusts "
                    + "(trustForwardedFrom), or with the admin token (--token). Point --admin (or --config) at the admin "
                    + "listener of each process the request crosses.");
        } else if (made >= 0) {
            Map<String, Object> h = hops.get(made);
            wrap(out, "", "The answer was made by hop " + (made + 1) + ", " + h.get("hop") + ": " + h.get("status")
                    + (h.get("error") != null ? " " + h.get("error") : "") + ".");
        } else {
            Map<String, Object> last = hops.get(hops.size() - 1);
            wrap(out, "", "The answer came from beyond the last traced hop (" + last.get("hop") + "'s upstream), which "
                    + "records no trace: an app, or a server that is not Forecourt.");
        }
        problems.forEach(p -> wrap(out, "note: ", p));
        return String.join("\n", out) + "\n";
    }

    /** {@code text} after {@code lead}, wrapped at {@link #WIDTH} columns under its own start. */
    static void wrap(List<String> out, String lead, String text) {
        String indent = lead.isEmpty() ? "   " : " ".repeat(Math.min(lead.length(), NOTE_INDENT.length()));
        String line = lead;
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > WIDTH && line.trim().length() > 0 && !line.equals(lead)) {
                out.add(line.stripTrailing());
                line = indent;
            }
            line = line.isEmpty() || line.endsWith(" ") ? line + word : line + " " + word;
        }
        out.add(clip(line.stripTrailing()));
    }

    private static String clip(String line) {
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 3) + "...";
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }
}
