package dev.forecourt.iiif.imaging;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** libvips starts without its plug-in modules (none reads an image here), and the environment stays as it was. */
class VipsModulesTest {

    @Test
    void libvipsLoadsNoPluginModuleAndVipshomeIsNotLeftSet() throws Throwable {
        assumeTrue(System.getenv("VIPSHOME") == null, "a VIPSHOME of the user's own is left to libvips");
        // where libvips has no modules installed there is nothing to keep out, and this test could not fail
        assumeTrue(modulesInstalled(), "no vips-modules-* directory beside libvips");
        Vips vips = Vips.open();
        assertThat(vips.version()).isNotBlank();
        String maps = Files.readString(Path.of("/proc/self/maps"));
        assertThat(maps).contains("libvips.so.42").doesNotContain("vips-modules").doesNotContain("libMagickCore");
        var getenv = Linker.nativeLinker().downcallHandle(Linker.nativeLinker().defaultLookup().find("getenv").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment value = (MemorySegment) getenv.invokeExact(a.allocateFrom("VIPSHOME"));
            assertThat(value.address()).isZero();
        }
    }

    private static boolean modulesInstalled() throws java.io.IOException {
        for (String libdir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/local/lib")) {
            Path dir = Path.of(libdir);
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.anyMatch(p -> p.getFileName().toString().startsWith("vips-modules-"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
