package dev.forecourt.edge.role.ingress;

import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.config.Durations;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;

/**
 * A health check's {@code timeout} must be less than its {@code interval}. Checks of an instance run one after
 * another, so a check allowed to outlast the interval stretches it: an instance that hangs is judged only every
 * interval + timeout, later than the file says. Load balancers' target groups refuse the pair for the same reason.
 */
final class HealthTiming {
    private HealthTiming() {}

    static void check(Yaml.MapNode root, IngressSection c, Problems p) {
        for (ServiceConfig s : c.services().values()) {
            HealthCheckConfig h = s.healthCheck();
            if (h == null || h.timeout().compareTo(h.interval()) < 0) continue;
            p.add(YamlPath.of(root, "services", s.name(), "healthCheck", "timeout"), "services." + s.name()
                    + ".healthCheck.timeout", Durations.text(h.timeout()) + " is not less than interval "
                    + Durations.text(h.interval()) + ": a check that takes its whole timeout delays the next one, so a"
                    + " hung instance is found later than the interval says. Fix: a timeout below the interval, e.g."
                    + " interval: " + Durations.text(h.interval().plus(h.timeout())) + ", timeout: "
                    + Durations.text(h.timeout()));
        }
    }
}
