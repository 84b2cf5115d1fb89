package dev.forecourt.edge.role;

import dev.forecourt.edge.Attribute;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import java.util.List;
import java.util.Set;

/**
 * A role is a vocabulary over the engine (a CDN distribution, a service ingress, ...): its sections of the file,
 * read, checked and assembled here, each in its own package. Roles act only while a configuration is read and a
 * generation is built; requests never meet a role, only the corridors it assembled.
 *
 * <pre>
 *   file ─▶ read(root, fields) ─▶ C ─▶ check(C, whole, root, problems)   (forecourt check, and every start)
 *                                  └─▶ assemble(C, assembly)              (each generation: listeners, hops, kept state)
 * </pre>
 *
 * @param <C> the role's configuration, as its reader makes it
 */
public interface Role<C> {
    /** The role's name, as hops name it ({@code distribution/NAME}). */
    String name();

    /** The top-level keys of the file this role reads ({@code distributions}, {@code cachePolicies}, ...). */
    Set<String> sections();

    /** Reads this role's sections from the file's root; every problem goes to {@code fields.problems}. */
    C read(Yaml.MapNode root, Fields fields);

    /** This role's configuration when none of its sections is in the file. */
    C empty();

    /**
     * Rules over the whole file once every section is read: relations between keys that each read well alone but
     * fail, or surprise, at run time. Problems are errors, warnings what runs but likely not as meant.
     */
    default void check(C config, Config whole, Yaml.MapNode root, Problems problems) {}

    /**
     * The access log fields this role's stages set ({@link Attribute#logged}); listed here so that they are known
     * before any format naming them is read.
     */
    default List<Attribute<?>> logFields() {
        return List.of();
    }

    /** The listeners this part of the file asks for (addresses as written; null ones left out). */
    default List<Listening> listeners(C config) {
        return List.of();
    }

    /** Where this part of the file writes access logs: the key of each {@code accessLog} block, and the block. */
    default java.util.Map<String, dev.forecourt.edge.config.AccessLogConfig> accessLogs(C config) {
        return java.util.Map.of();
    }

    /** Builds what this role runs under one configuration: its listeners, hops and corridors. */
    void assemble(C config, Assembly assembly) throws Exception;

    /** This role's part of a configuration. */
    @SuppressWarnings("unchecked")
    default C of(Config config) {
        Object section = config.sections().get(name());
        return section == null ? empty() : (C) section;
    }

    /** {@code config} with this role's part replaced by {@code section}. */
    default Config in(Config config, C section) {
        return config.with(name(), section);
    }
}
