package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.AdminConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.role.ingress.InstanceConfig;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import dev.forecourt.http.Limits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds configurations for tests and sends requests to a running Forecourt. */
final class Fixture {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static ServiceConfig echo(String name, List<String> domains, boolean isPublic) {
        return new ServiceConfig(name, domains, List.of(new InstanceConfig.App("echo", Map.of())),
                HealthCheckConfig.DEFAULT, isPublic, "round_robin", Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    static ServiceConfig at(String name, String domain, List<String> addresses, HealthCheckConfig hc, Duration readTimeout) {
        return new ServiceConfig(name, List.of(domain), addresses.stream().map(a -> (InstanceConfig) new InstanceConfig.Address(a)).toList(),
                hc, true, "round_robin", Duration.ofSeconds(1), readTimeout);
    }

    static Config config(Limits limits, AccessLogConfig log, ServiceConfig... services) {
        Map<String, ServiceConfig> m = new LinkedHashMap<>();
        for (ServiceConfig s : services) {
            m.put(s.name(), s);
        }
        return Configs.of(Path.of("test.yaml"), Map.of(), m,
                new IngressConfig("127.0.0.1:0", "127.0.0.1:0", null, "envoy", log, limits),
                new AdminConfig("127.0.0.1:0"));
    }

    static Config config(ServiceConfig... services) {
        return config(Limits.DEFAULT, AccessLogConfig.OFF, services);
    }

    static HttpResponse<String> get(Forecourt f, String listener, String host, String path) throws Exception {
        var a = f.address(listener);
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
                .header("Host", host).timeout(Duration.ofSeconds(5)).build();
        return CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
    }
}
