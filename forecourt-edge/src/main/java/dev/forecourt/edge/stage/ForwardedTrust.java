package dev.forecourt.edge.stage;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.config.Cidr;
import dev.forecourt.http.HeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.AsciiString;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Keeps what an earlier proxy says about a request only when that proxy is a peer this hop trusts
 * ({@code trustForwardedFrom}, as nginx's {@code set_real_ip_from}). From any other peer, the headers by which a proxy
 * describes the request it received are removed as they arrive: they are a viewer's claims, and an origin that builds
 * URLs from {@code X-Forwarded-Host} or routes by {@code X-Original-URL} would otherwise answer the claim, and a cache
 * in between would keep that answer for everyone. {@link ForwardedHeaders} then writes this hop's own account.
 * Runs at the hop's entrance, so that the hop's own functions may still set any of these headers deliberately.
 */
public final class ForwardedTrust implements Stage {
    /** A proxy's account of the request: client, scheme, Host, port, path prefix, and the URL before a rewrite. */
    static final List<AsciiString> PROXY_ACCOUNT = List.of(
            HeaderNames.X_FORWARDED_FOR, HeaderNames.X_FORWARDED_PROTO, HeaderNames.X_FORWARDED_HOST,
            HeaderNames.X_FORWARDED_PORT, HeaderNames.FORWARDED,
            AsciiString.cached("x-forwarded-prefix"),   // the path a proxy stripped (the IIIF server's ids use it)
            AsciiString.cached("x-forwarded-server"),   // a proxy's own name, taken by some apps as their host
            AsciiString.cached("x-forwarded-scheme"),   // scheme, as Rack and some nginx setups spell it
            AsciiString.cached("x-forwarded-ssl"),      // "on": scheme, as Rack reads it
            AsciiString.cached("x-real-ip"),            // the client, as nginx's realip module passes it on
            AsciiString.cached("x-host"),               // Host overrides some frameworks honour
            AsciiString.cached("x-original-host"),
            AsciiString.cached("x-original-url"),       // the URL before a proxy's rewrite (IIS, Symfony): routing
            AsciiString.cached("x-rewrite-url"));
    /**
     * A method in a header. Clients tunnel PUT, DELETE or a long GET through POST with it, and frameworks honour it
     * on POST only; on any other method it is only a way to make the origin answer one method's request with
     * another's, which a cache would keep under the first. So it is kept on POST, removed elsewhere.
     */
    static final List<AsciiString> METHOD_OVERRIDE = List.of(AsciiString.cached("x-http-method-override"),
            AsciiString.cached("x-http-method"), AsciiString.cached("x-method-override"));

    private final List<Cidr> trusted;

    public ForwardedTrust(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        HttpHeaders h = x.request().headers();
        if (mayHoldAProxysAccount(h) && !trusts(x.connection().remote())) {
            for (AsciiString name : PROXY_ACCOUNT) {
                h.remove(name);
            }
            if (!HttpMethod.POST.equals(x.request().method())) {
                for (AsciiString name : METHOD_OVERRIDE) {
                    h.remove(name);
                }
            }
        }
        return next.serve(x);
    }

    /**
     * Every name removed here starts with x or f: one pass over the names that finds none spares the removals, a
     * hash look-up each, for the usual request (this stage is on every request's path).
     */
    private static boolean mayHoldAProxysAccount(HttpHeaders h) {
        for (java.util.Iterator<java.util.Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence n = it.next().getKey();
            char c = n.isEmpty() ? 0 : n.charAt(0);
            if (c == 'x' || c == 'X' || c == 'f' || c == 'F') {
                return true;
            }
        }
        return false;
    }

    /** Whether a request by {@code method} from a peer this hop does not trust loses {@code header} here. */
    public static boolean removesFromUntrusted(String header, HttpMethod method) {
        AsciiString name = AsciiString.of(header.toLowerCase(java.util.Locale.ROOT));
        return PROXY_ACCOUNT.contains(name) || (!HttpMethod.POST.equals(method) && METHOD_OVERRIDE.contains(name));
    }

    private boolean trusts(InetSocketAddress peer) {
        if (peer == null || trusted.isEmpty()) {
            return false; // not an IP peer (nothing to match), or a hop that trusts nobody
        }
        InetAddress a = peer.getAddress();
        for (Cidr c : trusted) {
            if (c.contains(a)) return true;
        }
        return false;
    }
}
