package dev.forecourt.cli.walk;

/**
 * A listener of this file that a connection reaches, how for messages ({@code "nlb.internal:1001 -> link 'nlb'
 * 127.0.0.1:1001 -> the ingress's private listener 127.0.0.1:9443"}), and whether a PROXY protocol header comes
 * first (a link's {@code proxyProtocol: v2} just before it).
 */
record Reached(Landing landing, String route, boolean proxied) {}
