package dev.forecourt.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A typed key for what a role's stages share on an {@link Exchange} (route parameters, JWT claims, an API's
 * {@code $context} fields) without touching headers. Keys compare by identity: each is a constant of the role that
 * owns it. The hot fields every hop has (route, upstream, timings) stay plain fields of the exchange.
 *
 * <p>A key made with {@link #logged} is also an access log field, {@code $key} in a format, so that a role adds
 * its own facts to the log without the log knowing the role.
 *
 * @param <T> the value's type
 */
public final class Attribute<T> {
    private static final Map<String, Attribute<?>> LOGGED = new ConcurrentHashMap<>();
    private static final AtomicInteger MADE = new AtomicInteger();

    private final String name;
    private final boolean logged;
    /**
     * Its slot in an exchange's array of values: keys are few constants, so an array beats a map per exchange (one
     * made before a key's class loaded grows to it: Exchange.attr).
     */
    final int index = MADE.getAndIncrement();

    private Attribute(String name, boolean logged) {
        this.name = name;
        this.logged = logged;
    }

    /** How many keys exist: the size an exchange's array of values starts at. */
    static int count() {
        return MADE.get();
    }

    /** A key stages share, not logged. */
    public static <T> Attribute<T> of(String name) {
        return new Attribute<>(name, false);
    }

    /**
     * A key whose value an access log format may name as {@code $key} ({@code [a-z][a-z0-9_]*}); the key must be new, so
     * two roles never write one field with different meanings.
     */
    public static <T> Attribute<T> logged(String key) {
        if (!key.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("an access log field is lower case letters, digits and '_': '" + key + "'");
        }
        Attribute<T> a = new Attribute<>(key, true);
        if (LOGGED.putIfAbsent(key, a) != null) {
            throw new IllegalStateException("the access log field '$" + key + "' is registered twice");
        }
        return a;
    }

    /** The logged key named {@code key}, or null. */
    public static Attribute<?> loggedAs(String key) {
        return LOGGED.get(key);
    }

    /** Every logged key, by name. */
    public static java.util.List<Attribute<?>> allLogged() {
        return LOGGED.values().stream().sorted(java.util.Comparator.comparing(Attribute::name)).toList();
    }

    /** Every logged key's {@code $name}, for the list of what a format may name. */
    public static String loggedNames() {
        return String.join(", ", LOGGED.keySet().stream().sorted().map(k -> "$" + k).toList());
    }

    public String name() {
        return name;
    }

    public boolean isLogged() {
        return logged;
    }

    @Override
    public String toString() {
        return name;
    }
}
