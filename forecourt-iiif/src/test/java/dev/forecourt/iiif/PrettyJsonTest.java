package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrettyJsonTest {
    @Test
    void laysOutObjectsOneMemberALineAndArraysOnOneLine() {
        PrettyJson g = new PrettyJson().startObject();
        g.name("a").number(1).name("empty").startArray().endArray().name("none").startObject().endObject();
        g.name("list").startArray().string("x").startObject().name("b").string("\"q\"").endObject().number(2).endArray();
        assertThat(new String(g.endObject().bytes(), StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "a" : 1,
                  "empty" : [ ],
                  "none" : { },
                  "list" : [ "x", {
                    "b" : "\\"q\\""
                  }, 2 ]
                }
                """);
    }

    @Test
    void refusesAMemberOutsideAnObjectAndAnUnfinishedDocument() {
        assertThatThrownBy(() -> new PrettyJson().startArray().name("a")).hasMessageContaining("outside an object: a");
        assertThatThrownBy(() -> new PrettyJson().startObject().bytes()).hasMessage("1 containers still open");
    }
}
