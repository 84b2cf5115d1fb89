package dev.forecourt.cli;

import dev.forecourt.cli.trace.Hops;
import dev.forecourt.cli.trace.Story;
import dev.forecourt.cli.trace.TracedRequest;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.http.HostPort;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.forecourt.cli.options.Arguments;
import dev.forecourt.cli.options.Command;
import dev.forecourt.cli.options.Option;
import dev.forecourt.cli.options.Parameter;
import dev.forecourt.cli.options.ValueType;
import dev.forecourt.cli.options.Verb;

/** {@code forecourt trace URL}: one real request, and what every hop did with it. */
final class TraceCommand implements Command {
    static final String DEFAULT_ADMIN = "127.0.0.1:9901"; // the demo's

    static final Parameter<String> URL = Parameter.of(ValueType.TEXT, "URL", "http:// or https:// URL to request");
    static final Option<String> METHOD = Option.one(ValueType.TEXT, "METHOD", "request method", "-X", "--request")
            .orElse("GET");
    static final Option<List<String>> HEADERS = Option.many(ValueType.TEXT, "'Name: value'",
            "a request header (Host too)", "-H", "--header");
    static final Option<List<String>> RESOLVE = Option.many(ValueType.TEXT, "NAME:ADDR", "connect to ADDR (host or "
            + "host:port) for NAME, as curl --resolve (NAME:PORT:ADDR is read too)", "--resolve");
    static final Option<Path> CONFIG = Option.one(ValueType.PATH, "FILE",
            "read its resolve: names and its admin listener and token", "--config");
    static final Option<List<String>> ADMINS = Option.many(ValueType.TEXT, "HOST:PORT", "an admin listener to read "
            + "traces from; one per process the request crosses", "--admin")
            .absentMeans("the --config file's, else " + DEFAULT_ADMIN);
    static final Option<String> TOKEN = Option.one(ValueType.TEXT, "TOKEN", "the admin token: to read traces from an "
            + "admin listener that has one, and to ask a hop beyond loopback to record", "--token")
            .orElse(() -> System.getenv("FORECOURT_ADMIN_TOKEN"), "$FORECOURT_ADMIN_TOKEN");
    static final Option<Boolean> JSON = Option.flag("print the request, the answer and every hop as JSON, for tools",
            "--json");
    static final Option<Boolean> INSECURE = Option.flag("do not verify the server's certificate", "-k", "--insecure");
    static final Option<Integer> TIMEOUT = Option.one(ValueType.INT, "SECONDS", "for the connection and each read",
            "--timeout").orElse(30);
    static final Verb VERB = Verb.named("trace", "Send one request and tell, hop by hop, what each did: what arrived, "
            + "what it decided, what it sent on, what came back; the hop that made the answer is marked, with the fix "
            + "when it is one of our errors. Hops record only for a request that asks (forecourt-trace: from loopback, "
            + "a trusted peer, or with the admin token); trace reads their records from the admin listeners.")
            .takes(URL).options(METHOD, HEADERS, RESOLVE, CONFIG, ADMINS, TOKEN, JSON, INSECURE, TIMEOUT);

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Verb verb() {
        return VERB;
    }

    @Override
    public int call(Arguments given) {
        String url = given.get(URL);
        String method = given.get(METHOD);
        List<String> headers = given.get(HEADERS);
        Path config = given.get(CONFIG);
        List<String> admins = new ArrayList<>(given.get(ADMINS));
        String token = given.get(TOKEN);
        int timeoutSeconds = given.get(TIMEOUT);
        URI target;
        Map<String, String> names = new LinkedHashMap<>();
        List<InetSocketAddress> adminAddresses = new ArrayList<>();
        try {
            target = URI.create(url);
            if (target.getHost() == null || !List.of("http", "https").contains(String.valueOf(target.getScheme()).toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("'" + url + "' is not an http:// or https:// URL with a host");
            }
            for (String h : headers) {
                if (h.indexOf(':') < 1 || h.contains("\r") || h.contains("\n")) {
                    throw new IllegalArgumentException("-H '" + h + "': write 'Name: value'");
                }
            }
            if (config != null) {
                Config c = ConfigReader.read(config);
                names.putAll(c.resolve());
                if (c.admin() != null && c.admin().listen() != null && admins.isEmpty()) {
                    admins.add(c.admin().listen());
                }
                if (token == null && c.admin() != null) {
                    token = c.admin().token();
                }
            }
            for (String r : given.get(RESOLVE)) {
                String[] p = r.split(":");
                if (p.length < 2 || p[0].isEmpty()) {
                    throw new IllegalArgumentException("--resolve '" + r + "': write NAME:ADDR (e.g. iiif.internal:127.0.0.1:9000)");
                }
                // curl's NAME:PORT:ADDR keeps the URL's port; NAME:ADDR[:PORT] as resolve: in a file
                boolean curl = p.length == 3 && p[1].chars().allMatch(Character::isDigit) && !p[2].chars().allMatch(Character::isDigit);
                names.put(p[0].toLowerCase(Locale.ROOT), curl ? p[2] + ":" + p[1] : r.substring(p[0].length() + 1));
            }
            if (admins.isEmpty()) {
                admins.add(DEFAULT_ADMIN);
            }
            for (String a : admins) {
                HostPort hp = HostPort.parse(a, 9901, HostPort.Use.CONNECT);
                adminAddresses.add(new InetSocketAddress(hp.host(), hp.port()));
            }
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return 2;
        } catch (IllegalArgumentException | IOException e) {
            err.println("forecourt trace: " + e.getMessage());
            return 2;
        }
        InetSocketAddress connectTo = connectTo(target, names);
        boolean loopback = connectTo == null ? isLoopback(target.getHost()) : !connectTo.isUnresolved()
                && connectTo.getAddress().isLoopbackAddress();
        TracedRequest request = new TracedRequest(method.toUpperCase(Locale.ROOT), target, headers, connectTo, given.get(INSECURE),
                loopback || token == null ? "on" : token, timeoutSeconds * 1000);
        TracedRequest.Answer answer;
        try {
            answer = request.send();
        } catch (IOException e) {
            err.println("forecourt trace: " + method + " " + url + " failed: " + e.getMessage());
            return 1;
        }
        List<Hops.FromAdmin> from = Hops.fetch(adminAddresses, request.traceId(), token, timeoutSeconds * 1000);
        List<String> problems = new ArrayList<>();
        for (Hops.FromAdmin f : from) {
            if (f.problem() != null) {
                problems.add("admin " + f.admin().getHostString() + ":" + f.admin().getPort() + ": " + f.problem());
            }
        }
        List<Map<String, Object>> hops = Hops.merged(from);
        out.print(given.get(JSON) ? TraceOutput.json(request, answer, hops, problems) : Story.tell(request, answer, hops, problems));
        return 0;
    }

    /** The address for the URL's host: --resolve or the file's resolve: first (name, or name:port), else null. */
    private static InetSocketAddress connectTo(URI target, Map<String, String> names) {
        String host = target.getHost().toLowerCase(Locale.ROOT);
        int port = target.getPort() > 0 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
        String to = names.getOrDefault(host + ":" + port, names.get(host));
        if (to == null) {
            return null;
        }
        HostPort hp = HostPort.parse(to, port, HostPort.Use.CONNECT);
        return new InetSocketAddress(hp.host(), hp.port());
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
