/**
 * Authorizers an API puts in front of its routes, as API Gateway's HTTP API has them; for now the JWT authorizer.
 *
 * <p>The API role makes one {@link dev.forecourt.edge.auth.JwtAuthorizer} per configured authorizer
 * ({@link dev.forecourt.edge.auth.JwtAuthorizerConfig}, built by its reader; {@code JwtAuthorizer.start(config,
 * assembly.clock())}, closed with its generation or kept across reloads while its configuration is unchanged), and for
 * each request of a route that names it calls {@code authorize(request.headers(), route.authorizationScopes())} on the
 * event loop. The stage it returns is usually complete already (a cached token, or a key in hand); when it is not
 * (the key set is being fetched) it completes on the fetcher's thread, so the role goes back to the channel's event
 * loop before touching the exchange. {@link dev.forecourt.edge.auth.AuthResult.Allowed} carries the claims for
 * {@code $context.authorizer.claims.*}; {@link dev.forecourt.edge.auth.AuthResult.Denied} the status, body and
 * {@code www-authenticate} to answer with, and the reason for {@code $context.authorizer.error}.
 */
package dev.forecourt.edge.auth;
