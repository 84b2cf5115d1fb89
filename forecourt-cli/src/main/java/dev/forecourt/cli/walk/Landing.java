package dev.forecourt.cli.walk;

import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.role.Listening;

/**
 * A listener of this file, where a hop's connection lands: whether it speaks TLS and with what, the names it routes
 * by Host, and whether the paths sent to it are served there or further on.
 */
sealed interface Landing permits IngressLanding, DistributionLanding, ApiLanding, LinkLanding {
    Listening listening();

    /** "the ingress's private listener 127.0.0.1:9443". */
    default String name() {
        return listening().description() + " " + listening().address();
    }

    /** Its certificates and oldest TLS version; null when it speaks cleartext. */
    TlsConfig tls();

    /** The names it routes by Host; null when it answers any Host. */
    default HostRoutes hostRoutes() {
        return null;
    }

    /** How it answers a Host it does not serve: "404 no_route from ingress/public". */
    default String noRoute() {
        return "404 no_route from " + name();
    }

    /** Where a name is added for it to be served: "a service's domains". */
    default String namesKey() {
        return "its names";
    }

    /**
     * Whether requests like {@code r} get 404 for their path here or further on: null when they are served, or when the
     * file does not tell (an app at an address, a Host no one serves: another finding's).
     */
    default Refusal refuses(Request r, Topology t, int depth) {
        return null;
    }
}
