package dev.forecourt.edge.admin;

import static dev.forecourt.edge.admin.AdminReplies.drainThen;
import static dev.forecourt.edge.admin.AdminReplies.error;

import dev.forecourt.edge.process.Deployment;
import dev.forecourt.edge.process.Fleet;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.JsonString;
import dev.forecourt.http.ServerExchange;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code /services/NAME/deployments} on the admin listener, for a {@code run:} service: {@code POST} starts a new
 * revision of its running configuration (App Runner's StartDeployment: the app's files may have changed), answered
 * 202 with its number; {@code GET} lists the latest deployments and what became of each. With an admin token, only
 * a request carrying it gets further than 401.
 */
final class Deployments {
    private Deployments() {}

    static final String PREFIX = "/services/";

    static void handle(ServerExchange exchange, Map<String, Fleet> fleets, String token) {
        String path = exchange.request().uri();
        String name = AdminReplies.named(exchange, PREFIX, "/deployments",
                "POST to /services/NAME/deployments to deploy a run: service anew, GET it to list its deployments");
        if (name == null || !AdminReplies.authorized(exchange, token, "deployments")) {
            return;
        }
        Fleet fleet = fleets.get(name);
        HttpMethod method = exchange.request().method();
        drainThen(exchange, () -> {
            if (fleet == null) {
                error(exchange, ErrorType.NOT_FOUND, "no service named '" + name + "' runs instances (run:); those"
                        + " that do: " + (fleets.isEmpty() ? "(none)" : String.join(", ", fleets.keySet())), null);
            } else if (method.equals(HttpMethod.GET)) {
                StringJoiner list = new StringJoiner(",", "[", "]");
                fleet.deployments().forEach(d -> list.add(d.json()));
                Admin.send(exchange, HttpResponseStatus.OK, "application/json",
                        "{\"service\":" + JsonString.of(name) + ",\"deployments\":" + list + "}\n");
            } else if (method.equals(HttpMethod.POST)) {
                int revision = fleet.redeploy();
                if (revision < 0) {
                    error(exchange, ErrorType.NO_HEALTHY_UPSTREAM, "service '" + name + "' is stopping", null);
                } else {
                    Deployment d = fleet.deployments().getLast();
                    Admin.send(exchange, HttpResponseStatus.ACCEPTED, "application/json",
                            "{\"service\":" + JsonString.of(name) + ",\"deployment\":" + d.json() + "}\n");
                }
            } else {
                FullHttpResponse page = Admin.error(ErrorType.METHOD_NOT_ALLOWED, "deployments are listed with GET"
                        + " and started with POST", "curl -X POST http://ADMIN" + path);
                page.headers().set(HttpHeaderNames.ALLOW, "GET, POST");
                Admin.send(exchange, page);
            }
        });
    }
}
