package dev.forecourt.iiif.imaging;

import dev.forecourt.iiif.request.Format;
import dev.forecourt.iiif.request.Plan;
import dev.forecourt.iiif.request.Quality;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * The pure-Java engine, for machines without libvips: ImageIO with TwelveMonkeys' JPEG and TIFF plugins. It reads
 * only the region asked for (subsampled when the output is smaller), and pages of a pyramidal TIFF.
 */
public final class JavaEngine implements ImagingEngine {
    static {
        ImageIO.setUseCache(false); // no temporary files: everything stays within the heap's bounds
        ImageIO.scanForPlugins();
    }

    @Override
    public String name() {
        return "java (ImageIO + TwelveMonkeys)";
    }

    @Override
    public Set<Format> formats() {
        return EnumSet.of(Format.JPG, Format.PNG, Format.TIF, Format.GIF, Format.PDF);
    }

    @Override
    public SourceInfo inspect(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(in, file);
            try {
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                List<SourceInfo.Level> levels = new ArrayList<>();
                levels.add(new SourceInfo.Level(w, h, 0));
                int pages = reader.getNumImages(true);
                for (int p = 1; p < pages && p < 32; p++) {
                    int pw = reader.getWidth(p);
                    int ph = reader.getHeight(p);
                    SourceInfo.Level last = levels.getLast();
                    if (pw < last.width() && ph < last.height()
                            && Math.abs((double) pw / ph - (double) w / h) < 0.02 * w / h + 2.0 / ph) {
                        levels.add(new SourceInfo.Level(pw, ph, p));
                    }
                }
                return new SourceInfo(w, h, levels, reader.getFormatName());
            } finally {
                reader.dispose();
            }
        }
    }

    @Override
    public byte[] render(Path file, SourceInfo info, Plan plan) throws IOException {
        SourceInfo.Level level = info.levelFor(plan.reduction());
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(in, file);
            try {
                int[] r = info.regionAt(level, plan);
                int w = r[2];
                int h = r[3];
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(new Rectangle(r[0], r[1], w, h));
                int sub = (int) Math.max(1, Math.floor(Math.min((double) w / plan.outW(), (double) h / plan.outH())));
                param.setSourceSubsampling(sub, sub, 0, 0);
                img = reader.read(level.index(), param);
            } finally {
                reader.dispose();
            }
        }
        img = scale(img, plan.outW(), plan.outH(), plan.format() != Format.PNG && plan.format() != Format.TIF);
        img = quality(img, plan.quality());
        img = turn(img, plan.rotation().mirror(), plan.rotation().degrees());
        return encode(img, plan.format());
    }

    private static ImageReader reader(ImageInputStream in, Path file) throws IOException {
        if (in == null) {
            throw new IOException("cannot open " + file.getFileName());
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new IOException(file.getFileName() + " is not an image the Java engine can read (JPEG, PNG, TIFF, GIF)");
        }
        ImageReader reader = readers.next();
        reader.setInput(in, false, true);
        return reader;
    }

    private static BufferedImage scale(BufferedImage src, int w, int h, boolean opaque) {
        boolean alpha = src.getColorModel().hasAlpha() && !opaque;
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (!alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, h);
            }
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage quality(BufferedImage src, Quality q) {
        if (q != Quality.GRAY && q != Quality.BITONAL) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(),
                q == Quality.GRAY ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage turn(BufferedImage src, boolean mirror, double degrees) {
        if (!mirror && degrees == 0) {
            return src;
        }
        double rad = Math.toRadians(degrees);
        double sin = Math.abs(Math.sin(rad));
        double cos = Math.abs(Math.cos(rad));
        int w = src.getWidth();
        int h = src.getHeight();
        int nw = (int) Math.round(w * cos + h * sin);
        int nh = (int) Math.round(w * sin + h * cos);
        int type = src.getType() == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_INT_RGB : src.getType();
        BufferedImage out = new BufferedImage(nw, nh, type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            AffineTransform t = new AffineTransform();
            t.translate(nw / 2.0, nh / 2.0);
            t.rotate(rad);
            if (mirror) {
                t.scale(-1, 1);
            }
            t.translate(-w / 2.0, -h / 2.0);
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] encode(BufferedImage img, Format format) throws IOException {
        if (format == Format.PDF) {
            return Pdf.wrap(encode(img, Format.JPG), img.getWidth(), img.getHeight(),
                    img.getRaster().getNumBands() == 1);
        }
        String name = switch (format) {
            case JPG -> "jpeg";
            case PNG -> "png";
            case TIF -> "tiff";
            case GIF -> "gif";
            default -> throw new IOException("the Java engine cannot write " + format.extension());
        };
        ImageWriter writer = ImageIO.getImageWritersByFormatName(name).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == Format.JPG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.8f);
            }
            writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
