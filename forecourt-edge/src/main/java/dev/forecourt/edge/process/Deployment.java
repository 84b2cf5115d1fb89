package dev.forecourt.edge.process;

import dev.forecourt.http.JsonString;
import dev.forecourt.http.TimeText;
import java.time.Instant;

/**
 * One deployment of a {@code run:} service, as the admin listener reports it: the revision, why it was started
 * (a changed configuration, a request on the admin listener), where it is (deploying, serving, rolled back,
 * superseded, replaced) and, when it did not serve, why.
 */
public record Deployment(int revision, String cause, Instant started, String status, String detail) {
    Deployment with(String status, String detail) {
        return new Deployment(revision, cause, started, status, detail);
    }

    /** The deployment as a JSON object. */
    public String json() {
        return "{\"revision\":" + revision + ",\"cause\":" + text(cause) + ",\"started\":" + text(TimeText.iso(started))
                + ",\"status\":" + text(status) + (detail == null ? "" : ",\"detail\":" + text(detail)) + "}";
    }

    private static String text(String s) {
        return JsonString.of(s);
    }
}
