package dev.forecourt.edge.role.api;

/**
 * One parameter mapping, as its key reads: {@code append|overwrite|remove:header.NAME},
 * {@code append|overwrite|remove:querystring.NAME}, {@code overwrite:path} (requests), {@code overwrite:statuscode}
 * (responses); and its value.
 */
public record MappingRule(Action action, Target target, String name, MappingValue value) {
    public enum Action { APPEND, OVERWRITE, REMOVE }

    public enum Target { HEADER, QUERYSTRING, PATH, STATUSCODE }

    /** The key as written in the file. */
    public String key() {
        String a = action.name().toLowerCase(java.util.Locale.ROOT);
        return switch (target) {
            case HEADER -> a + ":header." + name;
            case QUERYSTRING -> a + ":querystring." + name;
            case PATH -> a + ":path";
            case STATUSCODE -> a + ":statuscode";
        };
    }
}
