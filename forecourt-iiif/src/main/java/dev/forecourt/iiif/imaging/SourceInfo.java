package dev.forecourt.iiif.imaging;

import java.util.List;

/**
 * What an engine learned from a source's header, without decoding pixels: its full size and the reduced
 * resolutions it can read cheaply ({@code levels}, largest first: pyramid pages, JPEG shrink-on-load, JPEG 2000
 * resolution levels). {@code reader} is the engine's own note of how to open it (a loader name), so that a
 * render need not sniff the file again. {@code tiles} indexes the stored JPEG tiles of a tiled TIFF (null for any
 * other source): their bytes can be sent as they are, or decoded one by one without the TIFF reader.
 */
public record SourceInfo(int width, int height, List<Level> levels, String reader, TiffTiles tiles) {
    /** One readable resolution: its size and how to ask the engine for it ({@code index}: page, shrink, ...). */
    public record Level(int width, int height, int index) {
        public double downsample(int fullWidth) {
            return (double) fullWidth / width;
        }
    }

    public SourceInfo {
        levels = List.copyOf(levels);
        if (levels.isEmpty() || levels.getFirst().width() != width) {
            throw new IllegalArgumentException("levels must start with the full resolution " + width + "x" + height);
        }
    }

    public SourceInfo(int width, int height, List<Level> levels, String reader) {
        this(width, height, levels, reader, null);
    }

    public SourceInfo withTiles(TiffTiles stored) {
        return new SourceInfo(width, height, levels, reader, stored);
    }

    public long pixels() {
        return (long) width * height;
    }

    /** The plan's region in the coordinates of {@code level}: x, y, w, h, at least one pixel, inside the level. */
    public int[] regionAt(Level level, dev.forecourt.iiif.request.Plan plan) {
        double fx = (double) level.width() / width;
        double fy = (double) level.height() / height;
        int x = (int) Math.floor(plan.x() * fx);
        int y = (int) Math.floor(plan.y() * fy);
        int w = Math.clamp(Math.round(plan.w() * fx), 1, level.width() - x);
        int h = Math.clamp(Math.round(plan.h() * fy), 1, level.height() - y);
        return new int[] {x, y, w, h};
    }

    /** The smallest level still at least as large as the output needs, for a reduction of {@code reduction}. */
    public Level levelFor(double reduction) {
        Level best = levels.getFirst();
        for (Level l : levels) {
            if (l.downsample(width) <= reduction + 1e-6) {
                best = l;
            }
        }
        return best;
    }
}
