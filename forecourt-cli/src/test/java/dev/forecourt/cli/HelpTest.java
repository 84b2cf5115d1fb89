package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code forecourt --help} names the roles and the verbs; a verb's own help is built from that verb alone. */
class HelpTest {

    @Test
    void helpNamesOnlyTheRolesThatRun() {
        StringWriter out = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).execute("--help");
        String help = out.toString().replaceAll("\\s+", " ");

        assertThat(code).isZero();
        assertThat(help).contains("CDN (distributions)", "API gateway (apis)", "load-balancer link (links)",
                "Host-routed service platform", "IIIF image server", "run ", "check ", "trace ", "demo ", "iiif ")
                .doesNotContain("train"); // the start-up cache's training run is bin/forecourt's, not the user's

        StringWriter verb = new StringWriter();
        assertThat(Main.commandLine("trace", "--help").setOut(new PrintWriter(verb, true)).execute("trace", "--help"))
                .isZero();
        assertThat(verb.toString()).startsWith("Usage: forecourt trace ");
    }

    /** A short flag (or a group of them) as a synopsis shows it: {@code [-k]}, {@code [-khV]}; not {@code [-X=METHOD]}. */
    private static final Pattern SHORT_FLAGS = Pattern.compile("\\[(-[A-Za-z][A-Za-z]*)]");

    @Test
    void everyShortFlagASynopsisShowsIsTakenAsShown() {
        List<String> verbs = new ArrayList<>(Main.VERB.verbs().keySet());
        verbs.addFirst(null); // the top command
        List<String> tried = new ArrayList<>();
        for (String verb : verbs) {
            String help = run(verb, "--help");
            StringBuilder synopsis = new StringBuilder(); // "Usage: ..." and the lines that continue it
            for (String line : help.split("\n")) {
                if (!synopsis.isEmpty() && !line.startsWith(" ")) break;
                synopsis.append(line).append('\n');
            }
            Matcher m = SHORT_FLAGS.matcher(synopsis);
            while (m.find()) {
                tried.add(verb + " " + m.group(1));
                // the flag as shown, then --help: a flag the parser takes leaves the help to print (exit 0)
                assertThat(run(verb, m.group(1), "--help")).as("'%s %s' as the synopsis shows it", verb, m.group(1))
                        .startsWith("Usage: ");
            }
        }
        assertThat(tried).contains("trace -k", "iiif -h", "null -V");
    }

    /** What {@code forecourt [verb] args} prints; fails on a usage error (exit 2: its message and usage on stderr). */
    private static String run(String verb, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (verb != null) all.addFirst(verb);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        assertThat(code).as("forecourt %s: %s", all, err).isZero();
        return out.toString();
    }
}
