package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.http.TestCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code forecourt check} on every file of the corpus ({@code src/test/resources/check-corpus}), as the command runs:
 * each file gives exactly the warnings its {@code # expect line N: TEXT} comments name, each at its line, each with
 * its fix, and no other (false alarms fail too); every {@code correct/} file gives none. TEXT is what the warning
 * holds, parts apart written {@code A ... B} (in that order). The examples and the demo's
 * file are judged alike, with the one trap they show on purpose. In a file, {@code @DIR@} is a directory of its own
 * (IIIF images, certificates), and {@code # certs: NAME...} makes a self-signed certificate there for those names
 * ({@code @DIR@/NAME.pem} and {@code .key}, the first name's).
 */
class CheckCorpusTest {
    private static final Path CORPUS = Path.of("src", "test", "resources", "check-corpus");
    private static final Pattern EXPECT = Pattern.compile("^# expect(?: line (\\d+))?: (.+)$", Pattern.MULTILINE);
    private static final Pattern CERTS = Pattern.compile("^# certs: (.+)$", Pattern.MULTILINE);
    /** The examples' and the demo's warnings: the seed's AllViewer trap, shown on purpose. */
    private static final Map<String, List<String>> SHOWN = Map.of(
            "seed-distribution.yaml", List.of("distributions.images.behaviors[/allviewer/*]: sends Host 'images.example.org'"),
            // the demo shows each seed mistake on a path of its own: check names every one, and nothing else
            "demo.yaml", List.of("distributions.images.behaviors[/allviewer/*]: sends Host 'images.example.org'",
                    "distributions.images.origins.platform-tlsv1: offers only TLSv1",
                    // the TLSv1 variant's path: were TLS to succeed, the app would not serve it either (a true finding)
                    "distributions.images.behaviors[/broken/tlsv1-origin/*]: sends paths starting '/broken/tlsv1-origin/'",
                    "apis.public.routes[1].integration: sends Host 'api.internal:8080'",
                    "apis.public.routes[2].integration: sends no server name (SNI)",
                    "apis.public.routes[3].integration: sends paths starting '/broken/prefix-kept/'"));

    @TempDir
    Path dir;

    record Expected(int line, String text) {
        boolean in(String warning) {
            int at = 0;
            for (String part : text.split(" \\.\\.\\. ")) {
                at = warning.indexOf(part, at);
                if (at < 0) return false;
                at += part.length();
            }
            return true;
        }
    }

    static Stream<String> corpus() throws Exception {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).map(p -> CORPUS.relativize(p).toString())
                    .sorted().toList().stream();
        }
    }

    static Stream<String> shipped() throws Exception {
        try (Stream<Path> files = Files.list(ExamplesTest.EXAMPLES)) {
            return Stream.concat(files.filter(p -> p.toString().endsWith(".yaml")).map(p -> p.getFileName().toString())
                    .sorted().toList().stream(), Stream.of("demo.yaml"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void checkWarnsOfExactlyWhatTheFileExpects(String name) throws Exception {
        String text = Files.readString(CORPUS.resolve(name));
        List<Expected> expected = new ArrayList<>();
        for (Matcher m = EXPECT.matcher(text); m.find(); ) {
            expected.add(new Expected(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)), m.group(2).strip()));
        }
        assertThat(name.startsWith("correct/") ? expected.isEmpty() : !expected.isEmpty())
                .as("a correct file expects nothing, a broken one something").isTrue();
        for (Matcher m = CERTS.matcher(text); m.find(); ) {
            TestCerts.selfSigned(dir, m.group(1).strip().split("\\s+"));
        }
        judge(name, text, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void theExamplesAndTheDemoWarnOfTheirTrapOnly(String name) throws Exception {
        String text = name.equals("demo.yaml") ? DemoCommand.demoYaml().replace("@SAMPLES@", "@DIR@")
                : Files.readString(ExamplesTest.EXAMPLES.resolve(name));
        judge(name, text, SHOWN.getOrDefault(name, List.of()).stream().map(s -> new Expected(0, s)).toList());
    }

    private void judge(String name, String text, List<Expected> expected) throws Exception {
        Path file = dir.resolve(Path.of(name).getFileName().toString());
        Files.writeString(file, text.replace("@DIR@", dir.toString()));
        CheckRun.Result r = CheckRun.file(file, "--no-bind");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> warnings = r.out().lines().filter(l -> l.contains(": warning: ")).toList();
        for (Expected e : expected) {
            assertThat(warnings).as("expected: " + e.text()).filteredOn(e::in).singleElement()
                    .asString().startsWith(e.line() > 0 ? r.at(e.line()) + "warning: " : file + ":");
        }
        assertThat(warnings).as("no other warning").allMatch(w -> expected.stream().anyMatch(e -> e.in(w)));
        assertThat(warnings).hasSameSizeAs(expected).allMatch(w -> w.contains("Fix"), "says the fix")
                .allMatch(w -> w.matches(Pattern.quote(file.toString()) + ":\\d+: warning: .*"), "is located");
    }
}
