package dev.forecourt.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * The training run of {@code forecourt iiif} alone (train --only iiif): the iiif verb itself, as a user starts it, on a
 * PNG and the pyramidal TIFF convert makes of it, asked for what viewers ask (info.json in both versions, stored tiles,
 * a scaled, a turned and a grey image). It loads nothing the iiif verb doesn't: the cache made from it is what a start
 * maps in whole, so a class only the training used would be memory every start pays for (hence a PNG written by hand
 * rather than through ImageIO, and requests over a bare socket rather than an HTTP client).
 */
final class IiifTraining {
    private static final List<String> ASKED = List.of("info.json", "0,0,256,256/256,/0/default.jpg",
            "256,0,256,256/256,/0/default.jpg", "full/400,/0/default.jpg", "full/max/90/gray.png",
            "100,100,300,200/150,/0/default.webp");

    private IiifTraining() {
    }

    static int run() throws Exception {
        Path images = Files.createTempDirectory("forecourt-train-iiif-");
        try {
            writePng(images.resolve("train.png"), 1200, 900);
            int converted = Main.commandLine(new ConvertCommand())
                    .execute(images.resolve("train.png").toString(), images.resolve("train.tif").toString());
            int port = TrainingServer.freePorts(1)[0];
            TrainingServer.start("train-iiif", () -> Main.commandLine(new IiifCommand())
                    .execute("--images", images.toString(), "--listen", "127.0.0.1:" + port),
                    port, "/iiif/3/train.png/info.json", "127.0.0.1");
            for (int round = 0; round < 3; round++) {
                for (String id : converted == 0 ? List.of("train.png", "train.tif") : List.of("train.png")) {
                    for (String version : List.of("2", "3")) {
                        for (String asked : ASKED) {
                            TrainingRequest.get(port, "/iiif/" + version + "/" + id + "/" + asked, "127.0.0.1");
                        }
                    }
                }
            }
            return 0;
        } finally {
            TrainingServer.remove(images);
        }
    }

    /** An RGB gradient as a PNG (signature, IHDR, one zlib IDAT, IEND). */
    static void writePng(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream zipped = new DeflaterOutputStream(raw)) {
            byte[] row = new byte[1 + 3 * width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    row[1 + 3 * x] = (byte) (x * 255 / width);
                    row[2 + 3 * x] = (byte) (y * 255 / height);
                    row[3 + 3 * x] = (byte) ((x + y) * 7);
                }
                zipped.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream fields = new DataOutputStream(header);
        fields.writeInt(width);
        fields.writeInt(height);
        fields.write(new byte[] {8, 2, 0, 0, 0}); // 8 bits a sample, RGB, deflate, filter method 0, no interlace
        chunk(png, "IHDR", header.toByteArray());
        chunk(png, "IDAT", raw.toByteArray());
        chunk(png, "IEND", new byte[0]);
        Files.write(file, png.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(png);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
