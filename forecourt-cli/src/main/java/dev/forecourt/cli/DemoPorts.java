package dev.forecourt.cli;

/**
 * Where the demo's listeners go: each at a fixed distance from a base port, the ingress's (9000 by default, so the
 * ports the README names), so that {@code --listen-base} moves the whole demo beside something holding those ports.
 * The distribution's origin and the {@code resolve} entry follow the ingress.
 */
record DemoPorts(int base) {
    static final int DEFAULT_BASE = 9000;
    private static final int DISTRIBUTION_BELOW = 557; // 8443 by default
    private static final int ADMIN_ABOVE = 901;        // 9901
    static final int LOWEST_BASE = 1 + DISTRIBUTION_BELOW;
    static final int HIGHEST_BASE = 65535 - ADMIN_ABOVE;

    DemoPorts {
        if (base < LOWEST_BASE || base > HIGHEST_BASE) {
            throw new IllegalArgumentException("--listen-base " + base + ": the demo needs " + LOWEST_BASE + ".."
                    + HIGHEST_BASE + " (it listens from " + DISTRIBUTION_BELOW + " below the base to " + ADMIN_ABOVE
                    + " above)");
        }
    }

    int ingress() {
        return base;
    }

    int ingressPrivate() {
        return base + 1;
    }

    int distribution() {
        return base - DISTRIBUTION_BELOW;
    }

    int admin() {
        return base + ADMIN_ABOVE;
    }

    /** demo.yaml with its port placeholders filled in. */
    String fill(String yaml) {
        return yaml.replace("@INGRESS_PORT@", Integer.toString(ingress()))
                .replace("@PRIVATE_PORT@", Integer.toString(ingressPrivate()))
                .replace("@DISTRIBUTION_PORT@", Integer.toString(distribution()))
                .replace("@ADMIN_PORT@", Integer.toString(admin()));
    }
}
