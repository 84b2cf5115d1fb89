package dev.forecourt.edge;

import dev.forecourt.edge.config.ErrorsConfig;
import dev.forecourt.http.ConnectionInfo;
import io.netty.util.AsciiString;

/**
 * Which hop an exchange is at ({@code ingress/public}, {@code distribution/images}), and how that hop presents
 * itself: its {@code Via} element, its {@code Server-Timing} token, and who is told the detail of its own error
 * pages. A value the exchange carries, so that stages and the access log need not know the hop's handler.
 */
public final class HopId {
    private final String role;
    private final String name;
    private final String id;
    private final String token;
    private final ErrorsConfig.Detail errorDetail;
    private final AsciiString via11; // bytes copied as they are by the encoder, for every request and response
    private final AsciiString via2;
    private final AsciiString via10;

    /** @param errorDetail who is told the detail line of this hop's own error pages ({@link ErrorsConfig}) */
    public HopId(String role, String name, ErrorsConfig.Detail errorDetail) {
        this.role = role;
        this.name = name;
        this.id = role + "/" + name;
        this.token = role + "-" + name;
        this.errorDetail = errorDetail;
        this.via11 = new AsciiString("1.1 " + token + " (forecourt)");
        this.via2 = new AsciiString("2 " + token + " (forecourt)");
        this.via10 = new AsciiString("1.0 " + token + " (forecourt)");
    }

    public String role() {
        return role;
    }

    public String name() {
        return name;
    }

    /** {@code role/name}, as in {@code forecourt-hop}. */
    public String id() {
        return id;
    }

    /** A Via/Server-Timing token for this hop: {@code role-name}. */
    public String token() {
        return token;
    }

    /** This hop's {@code Via} element for a request that arrived over {@code protocol}. */
    public AsciiString via(String protocol) {
        return protocol.startsWith("HTTP/2") ? via2 : protocol.equals("HTTP/1.0") ? via10 : via11;
    }

    /** Whether this hop's own error pages tell this client the detail (addresses, library messages) or only a summary. */
    public boolean showsDetailTo(ConnectionInfo client) {
        return switch (errorDetail) {
            case FULL -> true;
            case SAFE -> false;
            case LOCAL -> client.remote() != null && client.remote().getAddress().isLoopbackAddress();
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
