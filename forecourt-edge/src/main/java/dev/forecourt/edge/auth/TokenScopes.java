package dev.forecourt.edge.auth;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scopes a token grants: {@code scope} (RFC 8693 section 4.2, one string separated by spaces) or {@code scp} (a list,
 * as Okta and Azure write it; a string is split likewise). API Gateway reads either; {@code scope} wins when both are
 * there. A route passes when the token has at least one of the route's {@code authorizationScopes}.
 */
final class TokenScopes {
    private TokenScopes() {}

    static Set<String> of(Map<String, Object> claims) {
        Object v = claims.get("scope");
        if (v == null) v = claims.get("scp");
        if (v instanceof String s) {
            return s.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(s.strip().split("\\s+")));
        }
        if (v instanceof Collection<?> list) {
            return Set.copyOf(list.stream().filter(String.class::isInstance).map(String.class::cast).toList());
        }
        return Set.of();
    }

    /** Whether {@code granted} holds one of {@code required}; nothing required passes. */
    static boolean allow(Set<String> granted, List<String> required) {
        if (required.isEmpty()) return true;
        for (int i = 0; i < required.size(); i++) {
            if (granted.contains(required.get(i))) return true;
        }
        return false;
    }
}
