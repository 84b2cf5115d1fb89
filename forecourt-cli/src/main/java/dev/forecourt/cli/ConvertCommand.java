package dev.forecourt.cli;

import dev.forecourt.iiif.imaging.VipsEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.forecourt.cli.options.Arguments;
import dev.forecourt.cli.options.Command;
import dev.forecourt.cli.options.Option;
import dev.forecourt.cli.options.Parameter;
import dev.forecourt.cli.options.ValueType;
import dev.forecourt.cli.options.Verb;

/** {@code forecourt iiif convert IN OUT.tif}: a tiled pyramidal TIFF, the fastest source to serve tiles from. */
final class ConvertCommand implements Command {
    static final Parameter<Path> IN = Parameter.of(ValueType.PATH, "IN", "any image libvips reads");
    static final Parameter<Path> OUT = Parameter.of(ValueType.PATH, "OUT.tif", "the pyramidal TIFF to write");
    static final Option<Integer> TILE = Option.one(ValueType.INT, "PIXELS", "tile edge", "--tile").orElse(256);
    static final Verb VERB = Verb.named("convert", "Write IN as a tiled pyramidal TIFF (JPEG-compressed tiles), the "
            + "fastest source for tiles. Needs libvips.").takes(IN, OUT).options(TILE);

    @Override
    public Verb verb() {
        return VERB;
    }

    @Override
    public int call(Arguments given) throws Exception {
        Path in = given.get(IN);
        Path out = given.get(OUT);
        int tile = given.get(TILE);
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
