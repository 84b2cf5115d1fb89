package dev.forecourt.edge.role.ingress;

import dev.forecourt.edge.Service;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.role.Assembly;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.Role;
import dev.forecourt.edge.route.HostPattern;
import dev.forecourt.edge.route.Router;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.ServerTls;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service platform's ingress (App Runner): services by Host, each with its instances, behind a public listener
 * (public services only) and a private one (every service: what a VPC link reaches).
 */
public final class IngressRole implements Role<IngressSection> {
    public static final IngressRole ROLE = new IngressRole();

    private IngressRole() {}

    @Override
    public String name() {
        return "ingress";
    }

    @Override
    public Set<String> sections() {
        return Fields.ordered("services", "ingress");
    }

    @Override
    public IngressSection read(Yaml.MapNode root, Fields fields) {
        return new IngressReader(fields).read(root);
    }

    @Override
    public IngressSection empty() {
        return IngressSection.NONE;
    }

    @Override
    public void check(IngressSection config, Config whole, Yaml.MapNode root, Problems problems) {
        for (ServiceConfig s : config.services().values()) {
            dev.forecourt.edge.config.HealthTiming.check(root, problems, s.healthCheck(), "services", s.name());
            RunPorts.check(root, problems, s, whole);
        }
    }

    @Override
    public List<Listening> listeners(IngressSection config) {
        IngressConfig ic = config.ingress();
        List<Listening> out = new ArrayList<>();
        if (ic != null && ic.listen() != null) {
            out.add(new Listening("ingress.listen", "the ingress's public listener", ic.listen(), 80,
                    ic.speaksTls("listen"), ic.takesProxyHeader("listen")));
        }
        if (ic != null && ic.privateListen() != null) {
            out.add(new Listening("ingress.privateListen", "the ingress's private listener", ic.privateListen(), 80,
                    ic.speaksTls("privateListen"), ic.takesProxyHeader("privateListen")));
        }
        return out;
    }

    @Override
    public Map<String, AccessLogConfig> accessLogs(IngressSection config) {
        return config.ingress() == null ? Map.of() : Map.of("ingress.accessLog", config.ingress().accessLog());
    }

    @Override
    public void assemble(IngressSection config, Assembly assembly) throws Exception {
        List<Router.VirtualHost> publicHosts = new ArrayList<>();
        List<Router.VirtualHost> allHosts = new ArrayList<>();
        for (ServiceConfig s : config.services().values()) {
            Router.VirtualHost vh = new Router.VirtualHost(s.name(), s.domains().stream().map(HostPattern::new).toList(),
                    Ingress.service(Instances.upstream(s, assembly)));
            allHosts.add(vh);
            if (s.isPublic()) {
                publicHosts.add(vh);
            }
        }
        IngressConfig ic = config.ingress();
        if (ic == null) {
            return;
        }
        AccessLog log = assembly.own(AccessLog.open(ic.accessLog()));
        ServerTls tls = TlsConfig.server("ingress.tls", ic.tls());
        if (ic.listen() != null) {
            listener(assembly, "ingress", "public", ic.listen(), publicHosts, ic, log, ic.speaksTls("listen") ? tls : null,
                    ic.takesProxyHeader("listen"));
        }
        if (ic.privateListen() != null) {
            listener(assembly, "ingress-private", "private", ic.privateListen(), allHosts, ic, log,
                    ic.speaksTls("privateListen") ? tls : null, ic.takesProxyHeader("privateListen"));
        }
    }

    private static void listener(Assembly assembly, String key, String name, String address,
                                 List<Router.VirtualHost> hosts, IngressConfig ic, AccessLog log, ServerTls tls,
                                 boolean proxyHeader)
            throws UnknownHostException {
        Service corridor = Ingress.listener(ic.server(), ic.trustForwardedFrom(),
                new Router(hosts, "the " + name + " ingress listener " + address));
        RequestHandler hop = assembly.hop("ingress", name, corridor, log, ic.server(), ic.trustForwardedFrom());
        // a PROXY header names the client that trust is judged by: believed only from the peers trusted to forward
        assembly.listen(key, new ListenerSpec(key, assembly.resolver().resolve(address, 80), tls, ic.limits(), proxyHeader,
                peer -> ic.trustForwardedFrom().stream().anyMatch(c -> c.contains(peer))), hop, false);
    }
}
