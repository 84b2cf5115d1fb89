package dev.forecourt.cli.walk;

/**
 * Why requests are answered 404 for their path, said of the listener they reach, as a clause: "routes them to
 * service 'iiif', the embedded iiif app, which serves only /iiif/*, ...".
 */
record Refusal(String text) {
    /** This refusal, said of a hop in front that sends the requests on to {@code next}. */
    Refusal onTo(String next) {
        return new Refusal("sends them on to " + next + ", which " + text);
    }
}
