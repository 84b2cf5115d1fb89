package dev.forecourt.edge;

import dev.forecourt.edge.config.AdminConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.ErrorsConfig;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.DistributionRole;
import dev.forecourt.edge.role.distribution.DistributionsSection;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.ingress.IngressSection;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import java.nio.file.Path;
import java.util.Map;

/** Configurations built in code, for tests that need records the YAML cannot make (a port chosen at run time). */
public final class Configs {
    private Configs() {}

    public static Config of(Path source, Map<String, String> resolve, Map<String, ServiceConfig> services,
                            IngressConfig ingress, AdminConfig admin) {
        return of(source, resolve, services, ingress, admin, Map.of());
    }

    public static Config of(Path source, Map<String, String> resolve, Map<String, ServiceConfig> services,
                            IngressConfig ingress, AdminConfig admin, Map<String, DistributionConfig> distributions) {
        return of(source, resolve, services, ingress, admin, distributions, ErrorsConfig.DEFAULT);
    }

    public static Config of(Path source, Map<String, String> resolve, Map<String, ServiceConfig> services,
                            IngressConfig ingress, AdminConfig admin, Map<String, DistributionConfig> distributions,
                            ErrorsConfig errors) {
        Config c = Config.of(source, resolve, admin, errors);
        c = IngressRole.ROLE.in(c, new IngressSection(services, ingress));
        return DistributionRole.ROLE.in(c, new DistributionsSection(distributions));
    }

    public static Map<String, ServiceConfig> services(Config c) {
        return IngressRole.ROLE.of(c).services();
    }

    public static IngressConfig ingress(Config c) {
        return IngressRole.ROLE.of(c).ingress();
    }
}
