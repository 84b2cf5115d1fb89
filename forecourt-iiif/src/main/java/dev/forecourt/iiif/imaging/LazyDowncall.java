package dev.forecourt.iiif.imaging;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.function.Supplier;

/**
 * A method handle of a given type that makes its real target (a downcall handle) on its first call, then calls
 * that. A downcall handle costs a generated stub each, which the JDK's start-up cache does not keep: made on first
 * use, a start pays only for the C functions its first requests call. Callers keep {@code invokeExact}: the handle
 * has the very type of the downcall it stands for.
 */
final class LazyDowncall {
    private static final MethodHandle LINK;

    static {
        try {
            LINK = MethodHandles.lookup().findVirtual(LazyDowncall.class, "link", MethodType.methodType(MethodHandle.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MutableCallSite site;
    private final Supplier<MethodHandle> make;
    private MethodHandle linked;

    private LazyDowncall(MethodType type, Supplier<MethodHandle> make) {
        this.make = make;
        this.site = new MutableCallSite(type);
        // (args) -> link().invokeExact(args): the first call makes the target and passes its arguments on
        site.setTarget(MethodHandles.foldArguments(MethodHandles.exactInvoker(type), LINK.bindTo(this)));
    }

    /** A handle of {@code type} that calls what {@code make} returns (of that type), made on the first call. */
    static MethodHandle of(MethodType type, Supplier<MethodHandle> make) {
        return new LazyDowncall(type, make).site.dynamicInvoker();
    }

    /** Makes the target once, whichever thread calls first; later calls go straight to it. */
    private synchronized MethodHandle link() {
        if (linked == null) {
            linked = make.get();
            site.setTarget(linked);
        }
        return linked;
    }
}
