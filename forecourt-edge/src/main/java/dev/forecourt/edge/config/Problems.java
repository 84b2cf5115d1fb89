package dev.forecourt.edge.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration errors, each with file:line, the key path and what is allowed; and warnings, for what runs but
 * likely not as meant (shown by {@code check}, never fatal).
 */
public final class Problems {
    private final Path file;
    private final List<String> list = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public Problems(Path file) {
        this.file = file;
    }

    public void add(int line, String path, String message) {
        list.add(file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    public void warn(int line, String path, String message) {
        warnings.add(file + ":" + line + ": warning: " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(list);
    }
}
