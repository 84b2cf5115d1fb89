package dev.forecourt.edge.role;

/**
 * A listener a role's part of the file asks for, as {@code check} judges it before anything runs: the key that
 * names it ({@code ingress.privateListen}), what to call it in a finding, its {@code host:port} as written, the port
 * a bare host gets, whether it speaks TLS, and whether it takes a PROXY protocol header first.
 */
public record Listening(String key, String description, String address, int defaultPort, boolean tls,
                        boolean takesProxy) {}
