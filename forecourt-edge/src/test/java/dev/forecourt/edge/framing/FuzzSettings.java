package dev.forecourt.edge.framing;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Seed and tries from the command line, so a failure seen anywhere can be replayed without editing the test:
 * {@code -Dforecourt.fuzz.seed=<seed jqwik printed> -Dforecourt.fuzz.tries=2000}.
 */
final class FuzzSettings implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty("forecourt.fuzz.seed", "");
        if (!seed.isBlank()) {
            context.attributes().setSeed(seed.trim());
        }
        String tries = System.getProperty("forecourt.fuzz.tries", "");
        if (!tries.isBlank()) {
            context.attributes().setTries(Integer.parseInt(tries.trim()));
        }
        return property.execute();
    }
}
