package dev.forecourt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The version baked in at build time. */
final class Version {
    private Version() {}

    static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.txt")) {
            return in == null ? "dev" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "dev";
        }
    }

    /** What {@code --version} prints. */
    static List<String> lines() {
        return List.of("forecourt " + get(), "Java " + Runtime.version() + ", transport " + dev.forecourt.http.Transport.describe());
    }
}
