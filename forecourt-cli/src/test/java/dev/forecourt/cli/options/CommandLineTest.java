package dev.forecourt.cli.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The option parser through {@link CommandLine}: what a verb is given, and each way of using it wrongly. */
class CommandLineTest {
    static final Parameter<Path> FILE = Parameter.of(ValueType.PATH, "FILE", "the file");
    static final Option<Integer> COUNT = Option.one(ValueType.INT, "N", "how many", "-n", "--count").orElse(3);
    static final Option<List<String>> TAGS = Option.many(ValueType.TEXT, "TAG", "a tag", "-t", "--tag");
    static final Option<Boolean> LOUD = Option.flag("say more", "--loud");
    static final Option<Long> LIMIT = Option.one(ValueType.LONG, "BYTES", "a limit", "--limit").absentMeans("none");

    /** A verb that records what it was given. */
    static final class Probe implements Command {
        final List<Object> seen = new ArrayList<>();

        @Override
        public Verb verb() {
            return Verb.named("probe", "Probes the parser.").takes(FILE).options(COUNT, TAGS, LOUD, LIMIT)
                    .verb("inner", Inner::new);
        }

        @Override
        public int call(Arguments given) {
            seen.addAll(List.of(given.get(FILE), given.get(COUNT), given.get(TAGS), given.get(LOUD),
                    String.valueOf(given.get(LIMIT))));
            return 7;
        }
    }

    static final class Inner implements Command {
        @Override
        public Verb verb() {
            return Verb.named("inner", "An inner verb.").options(COUNT);
        }

        @Override
        public int call(Arguments given) {
            return 40 + given.get(COUNT);
        }
    }

    record Run(int exit, String out, String err) {}

    static Run run(Command command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command, () -> List.of("probe 1.0"), (e, verb, w) -> false)
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void valuesSeparateOrAfterAnEqualsSignAndDefaults() {
        Probe p = new Probe();
        assertThat(run(p, "--count", "5", "-t", "a", "--tag=b", "-tc", "f.yaml", "--limit=9").exit()).isEqualTo(7);
        assertThat(p.seen).containsExactly(Path.of("f.yaml"), 5, List.of("a", "b", "c"), false, "9");

        Probe attached = new Probe(); // an attached short value keeps its own '=' (curl's -H'Cookie: a=b')
        assertThat(run(attached, "-ta=b", "f.yaml").exit()).isEqualTo(7);
        assertThat(attached.seen).containsExactly(Path.of("f.yaml"), 3, List.of("a=b"), false, "null");

        Probe defaults = new Probe();
        assertThat(run(defaults, "--loud", "f.yaml").exit()).isEqualTo(7);
        assertThat(defaults.seen).containsExactly(Path.of("f.yaml"), 3, List.of(), true, "null");
    }

    @Test
    void doubleDashEndsOptions() {
        Probe p = new Probe();
        assertThat(run(p, "-n=2", "--", "--loud").exit()).isEqualTo(7);
        assertThat(p.seen).containsExactly(Path.of("--loud"), 2, List.of(), false, "null");
    }

    @Test
    void anUnknownOptionIsNamedWithTheUsage() {
        Probe p = new Probe();
        Run r = run(p, "--colour", "red", "f.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("Unknown option: '--colour'\nUsage: probe [-h] [-V] [-n=N] [-t=TAG]... [--loud] "
                + "[--limit=BYTES] FILE\n             [COMMAND]\n");
        assertThat(p.seen).isEmpty();
    }

    @Test
    void shortFlagsAreGivenOneAnArgumentAsTheSynopsisShowsThem() {
        Run grouped = run(new Probe(), "-hV");
        assertThat(grouped.exit()).isEqualTo(2);
        assertThat(grouped.err()).startsWith("Unknown option: '-hV'\nUsage: probe [-h] [-V] [-n=N] ");
        Run apart = run(new Probe(), "-h", "-V");
        assertThat(apart.exit()).isZero();
        assertThat(apart.out()).startsWith("Usage: probe [-h] [-V] ");
    }

    @Test
    void aMissingValueIsNamed() {
        assertThat(run(new Probe(), "f.yaml", "--count").err())
                .startsWith("Missing required parameter for option '--count' (N)\nUsage: probe ");
        assertThat(run(new Probe(), "--count", "--loud", "f.yaml").err()) // an option's name is not its value
                .startsWith("Missing required parameter for option '--count' (N)\n");
        assertThat(run(new Probe(), "--count", "--limit=9", "f.yaml").err()) // nor is one given with its value
                .startsWith("Missing required parameter for option '--count' (N)\n");
        assertThat(run(new Probe(), "--loud").err()).startsWith("Missing required parameter: 'FILE'\n");
    }

    @Test
    void aBadNumberIsNamed() {
        Run r = run(new Probe(), "--count", "many", "f.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("Invalid value for option '--count': 'many' is not an int\n");
        assertThat(run(new Probe(), "--limit", "1e3", "f.yaml").err())
                .startsWith("Invalid value for option '--limit': '1e3' is not a long\n");
    }

    @Test
    void anOptionOfOneValueGivenTwiceIsRefused() {
        Run r = run(new Probe(), "-n", "1", "--count=2", "f.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("option '--count' (N) should be specified only once\n");
    }

    @Test
    void aFlagTakesNoValueAndExtraParametersAreUnmatched() {
        assertThat(run(new Probe(), "--loud=yes", "f.yaml").err()).startsWith("option '--loud' takes no value");
        Run extra = run(new Probe(), "a.yaml", "b.yaml");
        assertThat(extra.exit()).isEqualTo(2);
        assertThat(extra.err()).startsWith("Unmatched argument at index 1: 'b.yaml'\n");
    }

    @Test
    void helpAndVersionNeedNoParameters() {
        Run help = run(new Probe(), "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).isEqualTo("""
                Usage: probe [-h] [-V] [-n=N] [-t=TAG]... [--loud] [--limit=BYTES] FILE
                             [COMMAND]
                Probes the parser.
                      FILE            the file
                  -n, --count=N       how many (default: 3)
                  -t, --tag=TAG       a tag
                      --loud          say more
                      --limit=BYTES   a limit (default: none)
                  -h, --help          Show this help message and exit.
                  -V, --version       Print version information and exit.
                Commands:
                  inner   An inner verb.
                """);
        assertThat(run(new Probe(), "-V")).isEqualTo(new Run(0, "probe 1.0\n", ""));
    }

    @Test
    void anInnerVerbTakesTheRest() {
        assertThat(run(new Probe(), "inner", "-n", "2").exit()).isEqualTo(42);
        assertThat(run(new Probe(), "inner", "--help").out()).startsWith("Usage: probe inner [-h] [-V] [-n=N]\n");
    }

    @Test
    void whatTheVerbThrowsIsReportedOrItsStackTraceGoesToStderr() {
        Command failing = new Command() {
            @Override
            public Verb verb() {
                return Verb.named("fail", "Fails.");
            }

            @Override
            public int call(Arguments given) throws Exception {
                throw new java.io.IOException("disk on fire");
            }
        };
        StringWriter err = new StringWriter();
        int reported = new CommandLine(failing, List::of, (e, verb, w) -> {
            w.println(verb + ": " + e.getMessage());
            return true;
        }).setErr(new PrintWriter(err)).execute();
        assertThat(reported).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("fail: disk on fire\n");
        Run bug = run(failing);
        assertThat(bug.exit()).isEqualTo(1);
        assertThat(bug.err()).startsWith("java.io.IOException: disk on fire\n\tat ");
    }

    @Test
    void longTextIsWrappedUnderItsColumn() {
        StringBuilder out = new StringBuilder();
        Usage.wrap(out, "  --x   ", "one two three four five six", 10, 20);
        assertThat(out.toString()).isEqualTo("  --x   one two\n          three four\n          five six\n");
    }
}
