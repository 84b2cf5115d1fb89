package dev.forecourt.cli.config;

import dev.forecourt.cli.config.Yaml.MapNode;
import dev.forecourt.edge.config.Config;

/**
 * The rules that judge a file as a whole once its sections are read: relations between keys that each read well
 * alone but fail, or surprise, at run time. Each rule is its own small class; they run even when reading found
 * problems, so that one {@code check} names everything it can.
 */
final class Rules {
    private Rules() {}

    static void check(MapNode root, Config c, Problems p) {
        BehaviorOrder.check(root, p);
        ViewerTls.check(root, p);
        CorsCredentials.check(root, p);
        ResolvePorts.check(root, c, p);
        HealthTiming.check(root, c, p);
        CacheSizes.check(root, c, p);
        ZeroTimeouts.check(root, p);
        AdminExposure.check(root, c, p);
    }
}
