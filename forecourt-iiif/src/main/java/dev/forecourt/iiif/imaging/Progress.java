package dev.forecourt.iiif.imaging;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntConsumer;

/**
 * libvips's "eval" signal as a Java callback: {@code void (VipsImage*, VipsProgress*, void*)}, where
 * {@code VipsProgress} is {@code {VipsImage *im; int run; int eta; gint64 tpels; gint64 npels; int percent; ...}}.
 */
final class Progress {
    private static final long PERCENT_OFFSET = 32;
    private final IntConsumer sink;
    private int last = -1;

    private Progress(IntConsumer sink) {
        this.sink = sink;
    }

    static MemorySegment stub(Arena arena, IntConsumer sink) throws ReflectiveOperationException {
        MethodHandle target = MethodHandles.lookup().findVirtual(Progress.class, "eval",
                MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class, MemorySegment.class));
        return Linker.nativeLinker().upcallStub(target.bindTo(new Progress(sink)),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS), arena);
    }

    @SuppressWarnings("unused") // called from C
    private void eval(MemorySegment image, MemorySegment progress, MemorySegment data) {
        int percent = progress.reinterpret(PERCENT_OFFSET + 4).get(JAVA_INT, PERCENT_OFFSET);
        synchronized (this) {
            if (percent != last) {
                last = percent;
                sink.accept(percent);
            }
        }
    }
}
