package dev.forecourt.edge.config;

import dev.forecourt.edge.config.Config;
import java.util.List;

/** A configuration that can run, and the warnings ({@code file:line: warning: ...}) about what it will do. */
public record Checked(Config config, List<String> warnings) {
    public Checked {
        warnings = List.copyOf(warnings);
    }
}
