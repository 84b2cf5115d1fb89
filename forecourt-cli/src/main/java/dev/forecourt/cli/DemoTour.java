package dev.forecourt.cli;

import dev.forecourt.edge.runtime.Forecourt;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code forecourt demo} prints once it runs: the working path through all five hops, each of the seed's
 * mistakes with its curl, the viewer in a browser, then each hop on its own. The addresses are the running ones.
 */
final class DemoTour {
    /** A path that reaches the IIIF app through the whole chain; the broken variants put their own prefix before it. */
    static final String INFO = "/iiif/3/sample.jpg/info.json";
    static final String TILE = "/iiif/3/sample.jpg/0,0,1024,1024/256,/0/default.jpg";
    static final String WORKING = "/api" + INFO;
    static final String VIEWER = "/api/view/sample.jpg";
    /** The seed's mistakes: a path under the distribution each, and what answers there. */
    static final Map<String, String> BROKEN = Map.of(
            "/allviewer" + INFO, "AllViewer forwards the viewer's Host: the platform's 404 no_route (ingress/public)",
            "/broken/host-not-overwritten" + INFO, "the API route keeps the API's Host: the platform's 404 no_route"
                    + " (ingress/private)",
            "/broken/no-sni" + INFO, "TLS to the private endpoint without serverNameToVerify, so no SNI: the gateway's"
                    + " 503 (api/public)",
            "/broken/prefix-kept" + INFO, "no overwrite:path, so the app gets the route's prefix: the app's own 404",
            "/broken/tlsv1-origin" + INFO, "an origin offering only TLSv1 to a TLSv1.2 listener: the CDN's 502"
                    + " (distribution/images)");

    private DemoTour() {}

    static String of(Forecourt f, Path certificate) {
        String cdn = hostPort(f, "distribution-images");
        StringBuilder broken = new StringBuilder();
        BROKEN.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> broken.append("""
                  # %s
                  curl -si -H 'Host: images.example.org' http://%s%s | grep -iE '^HTTP|^forecourt-|^server:'
                """.formatted(e.getValue(), cdn, e.getKey())));
        return """

                Forecourt demo is running (Ctrl-C to stop). The seed architecture, on built-in samples:

                  distribution (CDN) {cdn} -> API {api} -> link {link} -> ingress private listener (TLS) {private} -> IIIF app

                The working path, through all five hops: the app's ids name the viewer's host, with the /api it sees
                  curl -s -H 'Host: images.example.org' http://{cdn}{working} | grep '"id"'
                  # a tile; Via names the HTTP hops it passed (the link relays bytes and adds none), x-cache the CDN's
                  curl -s -o tile.jpg -D - -H 'Host: images.example.org' http://{cdn}/api{tile} | grep -iE '^via|^x-cache|^age'
                  # in a browser, the viewer through the whole chain (OpenSeadragon zooms the sample, tile by tile):
                  #   http://images.localhost:{cdnPort}{viewer}

                The seed's mistakes, each on its own path, answered as the cloud answers, saying which hop answered and why:
                {broken}{trace}
                Each hop on its own:
                  # the ingress routes by Host; the echo app shows the Host and X-Forwarded-* it received
                  curl -s -H 'Host: echo.internal' http://{ingress}/hello
                  # the IIIF server straight from the platform: its ids name the Host it was reached by
                  curl -s -H 'Host: iiif.internal' http://{ingress}{info} | grep '"id"'
                  # in a browser (Host by name): http://iiif.localhost:{ingressPort}/ lists the images, /view/sample.jpg zooms
                  # a Host the ingress does not serve: the seed's 'server: envoy' 404, but it says why
                  curl -si -H 'Host: images.example.org' http://{ingress}/iiif/3/x/info.json
                  # the private endpoint: TLS only, chosen by SNI (the demo made its certificate at start)
                  curl -s --cacert {cert} --resolve private.internal:{privatePort}:127.0.0.1 https://private.internal:{privatePort}/
                  # ...which refuses a handshake without SNI, as the seed's private endpoint did
                  curl -sv --cacert {cert} https://{private}/ 2>&1 | grep -i alert
                  # HTTP/2 (prior knowledge), and the story a response tells (Via, Server-Timing)
                  curl -si --http2-prior-knowledge -H 'Host: echo.internal' http://{ingress}/ | grep -iE 'via|server'
                  # the CDN's cache: the same tile twice (x-cache: Miss, then Hit, with Age)
                  curl -s -o /dev/null -D - -H 'Host: images.example.org' http://{cdn}/api/iiif/3/sample.jpg/full/256,/0/default.jpg | grep -iE 'x-cache|age:'
                  curl -s -o /dev/null -D - -H 'Host: images.example.org' http://{cdn}/api/iiif/3/sample.jpg/full/256,/0/default.jpg | grep -iE 'x-cache|age:'
                  # invalidate, as CloudFront's CreateInvalidation does
                  curl -s -X POST --data-binary '/api/*' http://{admin}/distributions/images/invalidations
                  # metrics: each hop's requests by status, the link's connections
                  curl -s http://{admin}/metrics | grep -E 'forecourt_requests_total|forecourt_link_connections_total'
                """.replace("{broken}", broken).replace("{trace}", trace(cdn, hostPort(f, "admin")))
                .replace("{cdn}", cdn).replace("{cdnPort}", port(f, "distribution-images"))
                .replace("{api}", hostPort(f, "api-public")).replace("{link}", hostPort(f, "link-nlb"))
                .replace("{private}", hostPort(f, "ingress-private")).replace("{privatePort}", port(f, "ingress-private"))
                .replace("{ingress}", hostPort(f, "ingress")).replace("{ingressPort}", port(f, "ingress"))
                .replace("{admin}", hostPort(f, "admin")).replace("{cert}", certificate.toString())
                .replace("{working}", WORKING).replace("{tile}", TILE).replace("{viewer}", VIEWER).replace("{info}", INFO);
    }

    /** The tour's trace of the working path and of one mistake: the story each hop tells. */
    private static String trace(String cdn, String admin) {
        return """

                  # forecourt trace: what each hop received, decided, sent on and got back, and which one answered
                  bin/forecourt trace -H 'Host: images.example.org' --admin %2$s http://%1$s%3$s
                  bin/forecourt trace -H 'Host: images.example.org' --admin %2$s http://%1$s%4$s
                """.formatted(cdn, admin, WORKING, TRACED_MISTAKE);
    }

    /** The mistake the tour traces: the Host the API passes on, refused by the platform two hops further. */
    static final String TRACED_MISTAKE = "/broken/host-not-overwritten" + INFO;

    private static String hostPort(Forecourt f, String listener) {
        InetSocketAddress a = f.address(listener);
        return dev.forecourt.http.HostPort.text(a);
    }

    private static String port(Forecourt f, String listener) {
        return Integer.toString(f.address(listener).getPort());
    }
}
