package dev.forecourt.cli.load;

import dev.forecourt.edge.config.Lines;
import dev.forecourt.edge.config.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What loading a configuration for real found: errors (it will not run) with file:line like the reader's, and
 * warnings (it runs, but), written "PATH: what" as the hop walk writes its own, so that {@code check} locates both
 * the same way.
 */
public final class Findings {
    private final Lines lines;
    private final Problems errors;
    private final List<String> warnings = new ArrayList<>();
    private final Problems unresolved;

    Findings(Path file, Lines lines) {
        this.lines = lines;
        this.errors = new Problems(file);
        this.unresolved = new Problems(file);
    }

    void error(String path, String message) {
        errors.add(lines.line(path), path, message);
    }

    void warning(String path, String message) {
        warnings.add(path + ": " + message);
    }

    /**
     * A name that does not resolve here: a warning for check (the machine that checks may not see the DNS of the one
     * that runs), an error for run, which resolves it at start on this very machine.
     */
    void unresolved(String path, String message) {
        warning(path, message);
        unresolved.add(lines.line(path), path, message);
    }

    /** Whether the file has this key (a default the reader filled in has none). */
    boolean has(String path) {
        return lines.has(path);
    }

    public List<String> errors() {
        return errors.list();
    }

    /** What stops {@code run} on this machine: the errors, then the names that do not resolve here. */
    public List<String> errorsToRun() {
        List<String> all = new ArrayList<>(errors.list());
        all.addAll(unresolved.list());
        return all;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
