package dev.forecourt.iiif.imaging;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

/** A downcall links on its first call, once, with the descriptor's exact type; by address, the address comes first. */
class DowncallTest {
    private static final Linker C = Linker.nativeLinker();

    @Test
    void linksOnceAndCallsTheFunction() throws Throwable {
        Downcall strlen = Downcall.of(libc("strlen"), FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        assertThat(strlen.handle()).isSameAs(strlen.handle());
        assertThat(strlen.handle().type()).isEqualTo(MethodType.methodType(long.class, MemorySegment.class));
        try (Arena a = Arena.ofConfined()) {
            assertThat((long) strlen.handle().invokeExact(a.allocateFrom("forecourt"))).isEqualTo(9L);
        }
    }

    @Test
    void byAddressTakesTheFunctionFirst() throws Throwable {
        Downcall intOfInt = Downcall.byAddress(FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        assertThat((int) intOfInt.handle().invokeExact(libc("abs"), -42)).isEqualTo(42);
        assertThat((int) intOfInt.handle().invokeExact(libc("toupper"), (int) 'a')).isEqualTo('A');
    }

    @Test
    void variadicFunctionsTakeTheirOption() throws Throwable {
        // snprintf(buf, n, "%d-%d", int, int): the variadic part starts at the fourth argument
        Downcall snprintf = Downcall.of(libc("snprintf"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(3));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(32);
            int n = (int) snprintf.handle().invokeExact(buf, 32L, a.allocateFrom("%d-%d"), 7, 11);
            assertThat(n).isEqualTo(4);
            assertThat(buf.getString(0)).isEqualTo("7-11");
        }
    }

    private static MemorySegment libc(String name) {
        return C.defaultLookup().find(name).orElseThrow();
    }
}
