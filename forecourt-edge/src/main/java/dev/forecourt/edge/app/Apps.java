package dev.forecourt.edge.app;

import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.trace.Traces;
import dev.forecourt.http.RequestHandler;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kinds of app a service instance can embed ({@code app: {KIND: {...}}}). {@code echo} is built in; other
 * modules (the IIIF server) add theirs through {@link AppKind} service providers.
 */
public final class Apps {
    private Apps() {}

    /** One embeddable app kind. */
    public interface AppKind {
        String name();

        /** The settings keys it accepts. */
        Set<String> settings();

        /**
         * What is wrong with these settings, by key (each is reported at its line, with the file), so that a bad
         * value is a configuration error that {@code check} names, not a failure at start. None by default.
         */
        default Map<String, String> problems(Map<String, String> settings) {
            return Map.of();
        }

        /**
         * These settings with the relative paths among them made relative to {@code dir}, the configuration file's
         * directory, as every path of the file is read. None by default.
         */
        default Map<String, String> pathsFrom(java.nio.file.Path dir, Map<String, String> settings) {
            return settings;
        }

        /**
         * The paths it answers, as path patterns ({@code /iiif/*}), so that {@code check} can tell a hop in front that
         * sends it paths it has none of; null (the default) when it answers every path.
         */
        default java.util.List<String> paths() {
            return null;
        }

        /**
         * The app's handler for one service instance. Meters go in {@code metrics} (the admin listener's); an app
         * that notes what it did on traced requests notes in {@code traces}; a handler that is also
         * {@link AutoCloseable} is closed with the configuration generation that made it.
         */
        RequestHandler create(String service, Map<String, String> settings, Metrics metrics, Traces traces)
                throws Exception;
    }

    public static AppKind kind(String name) {
        if ("echo".equals(name)) {
            return ECHO;
        }
        for (AppKind k : ServiceLoader.load(AppKind.class)) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    public static Set<String> names() {
        Set<String> names = new TreeSet<>();
        names.add("echo");
        ServiceLoader.load(AppKind.class).forEach(k -> names.add(k.name()));
        return names;
    }

    private static final AppKind ECHO = new AppKind() {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Set<String> settings() {
            return Set.of();
        }

        @Override
        public RequestHandler create(String service, Map<String, String> settings, Metrics metrics, Traces traces) {
            return new EchoApp(service);
        }
    };
}
