package dev.forecourt.edge.role.ingress;

import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;
import dev.forecourt.edge.process.RunConfig;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.Listeners;
import dev.forecourt.http.HostPort;
import java.util.Set;

/**
 * An instance Forecourt runs on a fixed {@code run.port} listens on loopback: a port one of this file's own listeners
 * holds there (or on every address) is refused, since the instance could never bind it and would be started again
 * and again until someone looked.
 */
final class RunPorts {
    private static final Set<String> LOOPBACK_OR_ALL = Set.of("127.0.0.1", "localhost", "0.0.0.0", "::", "[::]", "::1",
            "[::1]", "");

    private RunPorts() {}

    static void check(Yaml.MapNode root, Problems p, ServiceConfig s, Config whole) {
        for (InstanceConfig i : s.instances()) {
            if (!(i instanceof InstanceConfig.Run run) || run.run().port() == RunConfig.AUTO_PORT) {
                continue;
            }
            int port = run.run().port();
            for (Listening l : Listeners.of(whole)) {
                HostPort hp;
                try {
                    hp = HostPort.parse(l.address(), l.defaultPort());
                } catch (IllegalArgumentException e) {
                    continue; // its own reader said what is wrong with it
                }
                if (hp.port() != null && hp.port() == port && LOOPBACK_OR_ALL.contains(hp.host())) {
                    p.add(YamlPath.of(root, "services", s.name(), "run", "port"), "services." + s.name() + ".run.port",
                            port + " is the port of " + l.key() + " (" + l.address() + "): the instance could not"
                                    + " bind it, and would be started again and again. Fix: port: auto (a free port"
                                    + " per instance), or a port no listener of this file uses");
                }
            }
        }
    }
}
