package dev.forecourt.edge.role.ingress;

import java.util.Map;

/** Where a service's instance is: a static address, or an app embedded in this process. */
public sealed interface InstanceConfig {

    /** {@code host:port}; the host may be a name from {@code resolve}. */
    record Address(String hostPort) implements InstanceConfig {}

    /** {@code app: {KIND: {settings}}}, e.g. {@code app: {echo: {}}}. */
    record App(String kind, Map<String, String> settings) implements InstanceConfig {
        public App {
            settings = Map.copyOf(settings);
        }
    }
}
