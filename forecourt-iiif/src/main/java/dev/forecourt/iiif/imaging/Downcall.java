package dev.forecourt.iiif.imaging;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * One C function, linked on its first call: callers write {@code (int) f.handle().invokeExact(args)}. A downcall
 * handle costs a generated stub and a few method-handle classes each, which the JDK's start-up cache does not keep;
 * made on first use, a start pays only for the functions its first requests call. A plain field and a null check
 * rather than a self-replacing method handle: building one of those per function (a mutable call site folded over an
 * invoker) spun more classes at start-up than the downcalls it deferred (measured).
 */
final class Downcall {
    private static final Linker C = Linker.nativeLinker();

    private final MemorySegment symbol; // null: the function's address is the handle's first argument
    private final FunctionDescriptor descriptor;
    private final Linker.Option[] options;
    private MethodHandle handle; // racy but safe: a MethodHandle is immutable, and two threads link equal ones

    private Downcall(MemorySegment symbol, FunctionDescriptor descriptor, Linker.Option... options) {
        this.symbol = symbol;
        this.descriptor = descriptor;
        this.options = options;
    }

    /** The function at {@code symbol}. */
    static Downcall of(MemorySegment symbol, FunctionDescriptor descriptor, Linker.Option... options) {
        return new Downcall(java.util.Objects.requireNonNull(symbol, "symbol"), descriptor, options);
    }

    /** Any function of this shape, its address passed first on each call (a loader or saver chosen per call). */
    static Downcall byAddress(FunctionDescriptor descriptor, Linker.Option... options) {
        return new Downcall(null, descriptor, options);
    }

    /** The linked handle, of the descriptor's type (with the address first for {@link #byAddress}). */
    MethodHandle handle() {
        MethodHandle h = handle;
        if (h == null) {
            h = symbol == null ? C.downcallHandle(descriptor, options) : C.downcallHandle(symbol, descriptor, options);
            handle = h;
        }
        return h;
    }
}
