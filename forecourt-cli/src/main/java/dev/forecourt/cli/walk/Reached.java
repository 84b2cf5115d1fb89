package dev.forecourt.cli.walk;

/**
 * A listener of this file that a connection reaches, and how, for messages: {@code "nlb.internal:1001 -> link 'nlb'
 * -> the ingress's private listener 127.0.0.1:9443"}.
 */
record Reached(Landing landing, String route) {}
