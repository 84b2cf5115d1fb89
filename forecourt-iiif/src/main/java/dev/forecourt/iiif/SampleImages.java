package dev.forecourt.iiif;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Built-in sample data for {@code forecourt demo}: drawn here, so nothing is downloaded. */
public final class SampleImages {
    private SampleImages() {}

    /** Writes {@code sample.jpg} (4000x3000) and {@code sample.png} (1000x1000) into {@code dir}, once. */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path jpg = dir.resolve("sample.jpg");
        if (!Files.exists(jpg)) {
            ImageIO.write(draw(4000, 3000, "Forecourt sample 4000x3000"), "jpg", jpg.toFile());
        }
        Path png = dir.resolve("sample.png");
        if (!Files.exists(png)) {
            ImageIO.write(draw(1000, 1000, "1000x1000"), "png", png.toFile());
        }
        return dir;
    }

    private static BufferedImage draw(int w, int h, String label) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(20, 60, 120), w, h, new Color(230, 160, 40)));
        g.fillRect(0, 0, w, h);
        int step = Math.max(w, h) / 20;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, step / 5)));
        for (int y = 0; y < h; y += step) {
            for (int x = 0; x < w; x += step) {
                g.setColor(new Color(255, 255, 255, 60));
                g.drawRect(x, y, step, step);
                g.setColor(Color.WHITE);
                g.drawString(x + "," + y, x + 6, y + step / 4);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(16, w / 25)));
        g.drawString(label, w / 10, h / 2);
        g.dispose();
        return img;
    }
}
