package dev.forecourt.edge.role.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An {@code HTTP_PROXY} integration: a {@code uri} ({@code http} or {@code https}; {@code {proxy}} and the route's
 * path variables substituted in its path), or a {@code link} of this file (a private integration through a VPC
 * link: the link's listener). {@code timeout}: for the answer's head. {@code tls}: TLS is spoken ({@code https} uri,
 * or a {@code tls} block on a link); {@code serverNameToVerify}: the SNI sent and the name the certificate must carry
 * (null: a uri's host; on a link, no SNI at all, as API Gateway); {@code caFile}: CAs to trust (null: the JDK's). Parameter mappings: {@code request} before the request goes, {@code response} by the
 * integration's status ({@code "404"}, {@code "4XX"}).
 */
public record IntegrationConfig(String uri, String link, Duration timeout, boolean tls, String serverNameToVerify, Path caFile,
                                List<MappingRule> request, Map<String, List<MappingRule>> response) {
    /** API Gateway's default and upper bound. */
    public static final Duration AWS_TIMEOUT = Duration.ofSeconds(30);
    /** API Gateway's lower bound. */
    public static final Duration AWS_MIN_TIMEOUT = Duration.ofMillis(50);

    public IntegrationConfig {
        request = List.copyOf(request);
        response = Map.copyOf(response);
    }

    /** Whether a request mapping sets the path ({@code overwrite:path}). */
    public boolean overwritesPath() {
        return request.stream().anyMatch(r -> r.target() == MappingRule.Target.PATH);
    }

    /** Whether a request mapping sets or removes the header {@code name}. */
    public boolean maps(String header) {
        return request.stream().anyMatch(r -> r.target() == MappingRule.Target.HEADER && r.name().equalsIgnoreCase(header));
    }
}
