package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Attribute;
import java.util.Map;

/** What an API's rooms share on an exchange that rooms from elsewhere (the JWT authorizer) set or read. */
public final class ApiAttributes {
    private ApiAttributes() {}

    /**
     * The claims of the caller's verified token, set by the route's authorizer; read as
     * {@code $context.authorizer.claims.NAME} by parameter mappings (a claim's value as text: {@code toString}).
     */
    public static final Attribute<Map<String, Object>> AUTHORIZER_CLAIMS = Attribute.of("api.authorizer.claims");
}
