package dev.forecourt.cli;

/**
 * Where the demo's listeners go: each at a fixed distance from a base port, the ingress's (9000 by default, so the
 * ports the README names), so that {@code --listen-base} moves the whole demo beside something holding those ports.
 * The origins, the link's target and the API's integration follow the listeners they reach.
 */
record DemoPorts(int base) {
    static final int DEFAULT_BASE = 9000;
    private static final int API_BELOW = 920;          // 8080 by default
    private static final int DISTRIBUTION_BELOW = 557; // 8443
    private static final int LINK_ABOVE = 1;           // 9001
    private static final int PRIVATE_ABOVE = 443;      // 9443
    private static final int ADMIN_ABOVE = 901;        // 9901
    static final int LOWEST_BASE = 1 + API_BELOW;
    static final int HIGHEST_BASE = 65535 - ADMIN_ABOVE;

    DemoPorts {
        if (base < LOWEST_BASE || base > HIGHEST_BASE) {
            throw new IllegalArgumentException("--listen-base " + base + ": the demo needs " + LOWEST_BASE + ".."
                    + HIGHEST_BASE + " (it listens from " + API_BELOW + " below the base to " + ADMIN_ABOVE
                    + " above)");
        }
    }

    int ingress() {
        return base;
    }

    /** The ingress's private listener: TLS, where the link connects. */
    int ingressPrivate() {
        return base + PRIVATE_ABOVE;
    }

    int link() {
        return base + LINK_ABOVE;
    }

    int api() {
        return base - API_BELOW;
    }

    int distribution() {
        return base - DISTRIBUTION_BELOW;
    }

    int admin() {
        return base + ADMIN_ABOVE;
    }

    /** Every port, lowest first: the ones that must be free. */
    int[] all() {
        return new int[] {api(), distribution(), ingress(), link(), ingressPrivate(), admin()};
    }

    /** demo.yaml with its port placeholders filled in. */
    String fill(String yaml) {
        return yaml.replace("@INGRESS_PORT@", Integer.toString(ingress()))
                .replace("@PRIVATE_PORT@", Integer.toString(ingressPrivate()))
                .replace("@LINK_PORT@", Integer.toString(link()))
                .replace("@API_PORT@", Integer.toString(api()))
                .replace("@DISTRIBUTION_PORT@", Integer.toString(distribution()))
                .replace("@ADMIN_PORT@", Integer.toString(admin()));
    }
}
