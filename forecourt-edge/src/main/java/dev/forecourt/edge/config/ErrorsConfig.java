package dev.forecourt.edge.config;

/**
 * How much of what went wrong Forecourt's own error pages tell ({@code errors: {detail: ...}}). The detail line names
 * internal addresses, upstream names, library and TLS messages: useful to an operator, a map for an attacker.
 * {@code local} (the default) tells it to clients on loopback (the operator's curl, our own hops on this machine)
 * and gives everyone else the type, the hop, a one-line summary and the fix; {@code full} tells everyone;
 * {@code safe} tells no one. The log has the detail whatever this says.
 */
public record ErrorsConfig(Detail detail) {
    public enum Detail { LOCAL, FULL, SAFE }

    public static final ErrorsConfig DEFAULT = new ErrorsConfig(Detail.LOCAL);

    public ErrorsConfig {
        if (detail == null) detail = Detail.LOCAL;
    }
}
