package dev.forecourt.edge.framing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * A weighted choice with the plain option first. jqwik shrinks a frequency choice towards the start of its list, so
 * shrinking turns every mutation that does not matter back into the plain option. Options named in the system
 * property {@code forecourt.fuzz.skip} (comma separated labels) are left out: how to look past a known failure to
 * the next one.
 */
final class Choice<T> {
    /** An option and its label (null for the plain one). */
    record Option<T>(String label, T value) {}

    private static final Set<String> SKIPPED = Arrays.stream(System.getProperty("forecourt.fuzz.skip", "").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());

    private final List<Tuple2<Integer, Option<T>>> options = new ArrayList<>();

    private Choice() {}

    static <T> Choice<T> plain(T value, int weight) {
        Choice<T> c = new Choice<>();
        c.options.add(Tuple.of(weight, new Option<>(null, value)));
        return c;
    }

    Choice<T> or(String label, T value, int weight) {
        if (!SKIPPED.contains(label)) {
            options.add(Tuple.of(weight, new Option<>(label, value)));
        }
        return this;
    }

    Arbitrary<Option<T>> arbitrary() {
        return Arbitraries.frequency(options);
    }

    /** For choices of literal text. */
    static Arbitrary<Piece> pieces(Choice<String> c) {
        return c.arbitrary().map(o -> new Piece(o.label(), o.value()));
    }
}
