package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.ListNode;
import dev.forecourt.edge.config.Yaml.Node;

/**
 * {@code viewerProtocolPolicy: redirect-to-https} or {@code https-only} on a distribution without {@code tls}: its
 * listener speaks plain HTTP only, so the behavior never serves anything. Every request is redirected to an https URL
 * that this listener can't answer (and behind a proxy that terminates TLS, redirected again and again), or refused.
 */
final class ViewerTls {
    private ViewerTls() {}

    static void check(Yaml.MapNode root, Problems p) {
        for (Entry d : YamlPath.entries(root, "distributions")) {
            if (YamlPath.node(d.value(), "tls") != null) continue;
            String where = "distributions." + d.key();
            behavior(d.key(), YamlPath.node(d.value(), "defaultBehavior"), where + ".defaultBehavior", p);
            if (YamlPath.node(d.value(), "behaviors") instanceof ListNode l) {
                for (Node b : l.items()) {
                    String pattern = YamlPath.text(b, "pathPattern");
                    behavior(d.key(), b, where + ".behaviors[" + (pattern == null ? "?" : pattern) + "]", p);
                }
            }
        }
    }

    private static void behavior(String distribution, Node b, String where, Problems p) {
        String policy = b == null ? null : YamlPath.text(b, "viewerProtocolPolicy");
        if (!"redirect-to-https".equals(policy) && !"https-only".equals(policy)) return;
        String what = policy.equals("redirect-to-https")
                ? "every request here is answered 301 to the same URL over https, which this listener can't serve (behind a"
                        + " proxy that terminates TLS: a redirect loop)"
                : "every request here is refused (400): none can arrive over https";
        p.add(YamlPath.of(b, "viewerProtocolPolicy"), where + ".viewerProtocolPolicy", policy + ", but distribution '"
                + distribution + "' has no tls: its listener speaks plain HTTP only, so " + what + ". Fix: give the"
                + " distribution tls: {certificates: [{cert: FILE.pem, key: FILE.key}]}, or viewerProtocolPolicy:"
                + " allow-all (to send plain HTTP viewers to another listener, a viewer-request function with"
                + " redirect: {location: 'https://$host$uri'})");
    }
}
