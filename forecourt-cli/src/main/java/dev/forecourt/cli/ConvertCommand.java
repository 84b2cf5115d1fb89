package dev.forecourt.cli;

import dev.forecourt.iiif.imaging.VipsEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code forecourt iiif convert IN OUT.tif}: a tiled pyramidal TIFF, the fastest source to serve tiles from. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Write IN as a tiled pyramidal TIFF (JPEG-compressed tiles), the fastest source for tiles. Needs libvips.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "any image libvips reads")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT.tif", description = "the pyramidal TIFF to write")
    Path out;

    @Option(names = "--tile", paramLabel = "PIXELS", description = "tile edge (default: ${DEFAULT-VALUE})")
    int tile = 256;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(in)) {
            System.err.println(in + ": no such file, or it can't be read");
            return 1;
        }
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".tif") && !name.endsWith(".tiff")) {
            System.err.println(out + ": the output must end in .tif or .tiff");
            return 1;
        }
        if (tile < 16 || tile > 4096 || tile % 16 != 0) {
            System.err.println("--tile " + tile + ": a multiple of 16 between 16 and 4096 expected");
            return 1;
        }
        VipsEngine vips;
        try {
            vips = VipsEngine.load(64L << 20);
        } catch (Exception e) {
            System.err.println("convert needs libvips: " + e.getMessage());
            return 1;
        }
        long start = System.nanoTime();
        vips.convert(in, out, tile, ConvertCommand::bar);
        System.err.printf("%n%s: %d bytes in %.1f s%n", out, Files.size(out), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static void bar(int percent) {
        int width = 40;
        int done = Math.clamp(percent * width / 100, 0, width);
        System.err.print("\r[" + "#".repeat(done) + " ".repeat(width - done) + "] " + percent + "%");
        System.err.flush();
    }
}
