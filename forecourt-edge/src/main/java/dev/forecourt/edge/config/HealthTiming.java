package dev.forecourt.edge.config;

/**
 * A health check's {@code timeout} must be less than its {@code interval}. Checks of a target run one after another,
 * so a check allowed to outlast the interval stretches it: a target that hangs is judged only every interval +
 * timeout, later than the file says. Load balancers' target groups refuse the pair for the same reason. Services and
 * links both check their targets.
 */
public final class HealthTiming {
    private HealthTiming() {}

    /** Adds the problem of {@code h} (at {@code path...healthCheck.timeout} of the file) if it has one. */
    public static void check(Yaml.MapNode root, Problems p, HealthCheckConfig h, String... path) {
        if (h == null || h.timeout().compareTo(h.interval()) < 0) {
            return;
        }
        String[] at = java.util.Arrays.copyOf(path, path.length + 2);
        at[path.length] = "healthCheck";
        at[path.length + 1] = "timeout";
        p.add(YamlPath.of(root, at), String.join(".", at), Durations.text(h.timeout()) + " is not less than interval "
                + Durations.text(h.interval()) + ": a check that takes its whole timeout delays the next one, so a"
                + " hung target is found later than the interval says. Fix: a timeout below the interval, e.g."
                + " interval: " + Durations.text(h.interval().plus(h.timeout())) + ", timeout: "
                + Durations.text(h.timeout()));
    }
}
