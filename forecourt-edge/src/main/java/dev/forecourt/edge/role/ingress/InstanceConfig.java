package dev.forecourt.edge.role.ingress;

import dev.forecourt.edge.process.RunConfig;
import java.util.Map;

/** Where a service's instance is: a static address, an app embedded in this process, or processes Forecourt runs. */
public sealed interface InstanceConfig {

    /** {@code host:port}; the host may be a name from {@code resolve}. */
    record Address(String hostPort) implements InstanceConfig {}

    /** {@code app: {KIND: {settings}}}, e.g. {@code app: {echo: {}}}. */
    record App(String kind, Map<String, String> settings) implements InstanceConfig {
        public App {
            settings = Map.copyOf(settings);
        }
    }

    /** {@code run: {command: [...], ...}}: instances Forecourt starts, scales and deploys (the service's only ones). */
    record Run(RunConfig run) implements InstanceConfig {}
}
