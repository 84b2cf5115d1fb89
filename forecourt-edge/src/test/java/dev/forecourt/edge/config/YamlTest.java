package dev.forecourt.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.edge.config.Yaml.ListNode;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.config.Yaml.Node;
import dev.forecourt.edge.config.Yaml.Scalar;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTest {

    private static Node parse(String text) throws Exception {
        return Yaml.parse(new StringReader(text));
    }

    private static String valueOf(String text) throws Exception {
        return ((Scalar) ((MapNode) parse(text)).entries().get("k").value()).text();
    }

    @Test
    void nodesKnowTheirLines() throws Exception {
        MapNode root = (MapNode) parse("# a comment\ningress:\n  listen: 127.0.0.1:9000\n  hosts: [a, b]\n");
        assertThat(root.line()).isEqualTo(2);
        Yaml.Entry ingress = root.entries().get("ingress");
        assertThat(ingress.line()).isEqualTo(2);
        MapNode inner = (MapNode) ingress.value();
        assertThat(inner.entries().get("listen").line()).isEqualTo(3);
        assertThat(((Scalar) inner.entries().get("listen").value()).text()).isEqualTo("127.0.0.1:9000");
        ListNode hosts = (ListNode) inner.entries().get("hosts").value();
        assertThat(hosts.line()).isEqualTo(4);
        assertThat(hosts.items()).extracting(n -> ((Scalar) n).text()).containsExactly("a", "b");
    }

    @Test
    void plainNullsAreNullAndEverythingElseIsTextAsWritten() throws Exception {
        for (String nullish : List.of("k:", "k: ~", "k: null", "k: Null", "k: NULL", "k: !!null x", "k: ! null",
                "k: ! \"null\"", "k: ! ''")) {
            assertThat(valueOf(nullish)).as(nullish).isNull();
        }
        assertThat(valueOf("k: nUll")).isEqualTo("nUll");
        assertThat(valueOf("k: 'null'")).isEqualTo("null");
        assertThat(valueOf("k: !!str null")).isEqualTo("null");
        assertThat(valueOf("k: ''")).isEmpty();
        assertThat(valueOf("k: !!null ''")).isEmpty();
        assertThat(valueOf("k: \"~\"")).isEqualTo("~");
        assertThat(valueOf("k: True")).isEqualTo("True");
        assertThat(valueOf("k: 1_000")).isEqualTo("1_000");
        assertThat(valueOf("k: 012")).isEqualTo("012");
        assertThat(valueOf("k: |\n  two\n  lines\n")).isEqualTo("two\nlines\n");
        assertThat(((MapNode) parse("null: 1")).entries()).containsKey("null");
    }

    @Test
    void anEmptyFileIsAnEmptyMap() throws Exception {
        assertThat(((MapNode) parse("")).entries()).isEmpty();
        assertThat(((MapNode) parse("# only a comment\n")).entries()).isEmpty();
    }

    @Test
    void mistakesAreErrorsWithTheirLine() {
        refused("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first on line 1)");
        refused("services: [a\n", 2, "expected ',' or ']', but got <stream end> (while parsing a flow sequence)");
        refused("base: &b {x: 1}\nother: *b\n", 2, "aliases (*b) are not supported: write the value out");
        refused("a: 1\n---\nb: 2\n", 2, "a second YAML document: a configuration is one document");
        refused("? [a]\n: 1\n", 1, "a key must be text, not a map or a list");
        // a character YAML does not allow: on its own line, though SnakeYAML finds it reading ahead
        refused("a: 1\nb: \u0001\n", 2, "special characters are not allowed (U+0001)");
        // SnakeYAML lets this one out as a NumberFormatException: still a syntax error, with a line
        assertThatThrownBy(() -> parse("a: 1\nk: \"\\UFFFFFFFF\"\n")).isInstanceOfSatisfying(Yaml.SyntaxError.class,
                e -> assertThat(e.line).isEqualTo(2));
    }

    /** {@code yaml} is refused with {@code message}, said to be on {@code line}. */
    private static void refused(String yaml, int line, String message) {
        assertThatThrownBy(() -> parse(yaml)).as(yaml).isInstanceOfSatisfying(Yaml.SyntaxError.class, e -> {
            assertThat(e.line).isEqualTo(line);
            assertThat(e).hasMessage(message);
        });
    }

    @Test
    void aFileLargerThanAnyConfigurationIsRefusedNotReadOn() {
        assertThatThrownBy(() -> parse("# " + "x".repeat(Yaml.LARGEST) + "\n")).isInstanceOf(Yaml.SyntaxError.class)
                .hasMessage("larger than 3 MiB: not a configuration file?");
    }

    @Test
    void nestingIsBounded() throws Exception {
        String inner = "[".repeat(Yaml.DEEPEST - 1) + "x" + "]".repeat(Yaml.DEEPEST - 1); // in the root map: DEEPEST levels
        assertThat(parse("k: " + inner)).isInstanceOf(MapNode.class);
        assertThatThrownBy(() -> parse("k: [" + inner + "]")).isInstanceOfSatisfying(Yaml.SyntaxError.class,
                e -> assertThat(e).hasMessage("maps and lists nested deeper than " + Yaml.DEEPEST + " levels"));
        String deeper = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> parse("k: " + deeper)).isInstanceOfSatisfying(Yaml.SyntaxError.class,
                e -> assertThat(e.line).isEqualTo(1));
        assertThat(parse(nestedMaps(Yaml.DEEPEST))).isInstanceOf(MapNode.class);
        assertThatThrownBy(() -> parse(nestedMaps(Yaml.DEEPEST + 1))).isInstanceOf(Yaml.SyntaxError.class)
                .hasMessageContaining("nested deeper");
    }

    /** {@code maps} maps, each the value of the one before, the last holding a scalar. */
    private static String nestedMaps(int maps) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < maps; i++) {
            lines.add("  ".repeat(i) + "k" + i + ":");
        }
        return String.join("\n", lines) + " x\n";
    }
}
