package dev.forecourt.edge.role;

import dev.forecourt.edge.config.Config;
import java.util.ArrayList;
import java.util.List;

/** Every listener a file asks for: each role's, in the order of {@link Roles#ALL}, then the admin's. */
public final class Listeners {
    private Listeners() {}

    public static List<Listening> of(Config c) {
        List<Listening> out = new ArrayList<>();
        for (Role<?> r : Roles.ALL) {
            out.addAll(of(r, c));
        }
        if (c.admin() != null && c.admin().listen() != null) {
            out.add(new Listening("admin.listen", "the admin listener", c.admin().listen(), 9901, false, false));
        }
        return out;
    }

    private static <C> List<Listening> of(Role<C> role, Config c) {
        return role.listeners(role.of(c));
    }
}
