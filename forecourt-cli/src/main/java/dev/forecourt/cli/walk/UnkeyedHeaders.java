package dev.forecourt.cli.walk;

import dev.forecourt.edge.role.distribution.DistributionRole;

import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.Distribution;
import dev.forecourt.edge.stage.ForwardedTrust;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Names the caching behaviors whose origin receives, outside the cache key, a request header that origins commonly
 * reflect into their answers (public URLs, routing, the method). Such an origin answers the first request's value,
 * and the cache serves that answer for every value. A hop already removes these headers from the peers it does not
 * trust ({@link ForwardedTrust}); what is left to warn of is what arrives anyway: from the peers a distribution's
 * {@code trustForwardedFrom} names.
 */
final class UnkeyedHeaders {
    private UnkeyedHeaders() {}

    /**
     * Headers that apps build their answers from. Not {@code X-Forwarded-For}, {@code X-Real-IP} or
     * {@code Forwarded}: they carry the client's address, which apps rarely put in a shared answer, and keying them
     * would make one cache entry per client.
     */
    static final List<String> REFLECTED = List.of("X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port",
            "X-Forwarded-Prefix", "X-Forwarded-Server", "X-Forwarded-Scheme", "X-Forwarded-Ssl", "X-Host",
            "X-Original-Host", "X-Original-URL", "X-Rewrite-URL", "X-HTTP-Method-Override", "X-HTTP-Method",
            "X-Method-Override");

    static List<String> warnings(Config c) {
        List<String> out = new ArrayList<>();
        for (DistributionConfig d : DistributionRole.ROLE.of(c).distributions().values()) {
            List<BehaviorConfig> all = new ArrayList<>(d.behaviors());
            all.add(d.defaultBehavior());
            for (BehaviorConfig b : all) {
                if (b == null || b.cachePolicy().disabled()) continue; // nothing stored, nothing served to another
                List<String> unkeyed = REFLECTED.stream()
                        .filter(h -> arrives(d, b, h) && Distribution.reachesOrigin(b, h)
                                && !b.cachePolicy().headers().takes(h))
                        .toList();
                if (unkeyed.isEmpty()) continue;
                String where = "distributions." + d.name() + "." + (b.pathPattern() == null ? "defaultBehavior"
                        : "behaviors[" + b.pathPattern() + "]");
                String from = d.trustForwardedFrom().isEmpty() ? "from any viewer"
                        : "from the peers it trusts (trustForwardedFrom: " + d.trustForwardedFrom().stream()
                                .map(Object::toString).collect(Collectors.joining(", ")) + ")";
                out.add(where + ": " + String.join(", ", unkeyed) + " " + from + " reach origin '" + b.origin() + "', but cache policy '" + b.cachePolicy().name()
                        + "' does not key them: an origin that builds URLs from them (as the IIIF server's ids do) or"
                        + " routes by them answers the first request's value, and that answer is served for every"
                        + " value (http ids to https viewers, one host's links to another's), unless its Vary names"
                        + " them. Fix: a cache policy with headers: [" + String.join(", ", unkeyed) + "], or trust"
                        + " only peers that send one value per URL");
            }
        }
        return out;
    }

    /** Whether a viewer's header can reach this behavior at all: it survives the hop's entrance on a cached method. */
    private static boolean arrives(DistributionConfig d, BehaviorConfig b, String header) {
        if (!d.trustForwardedFrom().isEmpty()) {
            return true; // a trusted peer's headers all pass
        }
        return b.cachedMethods().stream()
                .anyMatch(m -> !ForwardedTrust.removesFromUntrusted(header, HttpMethod.valueOf(m)));
    }
}
