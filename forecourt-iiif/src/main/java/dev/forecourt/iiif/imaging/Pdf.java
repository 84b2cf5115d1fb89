package dev.forecourt.iiif.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-page PDF holding one JPEG (PDF's DCTDecode filter takes JPEG bytes as they are), sized one point per
 * pixel. It is all the Image API's {@code pdf} format needs, without a PDF library.
 */
final class Pdf {
    private Pdf() {}

    static byte[] wrap(byte[] jpeg, int width, int height, boolean gray) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 1024);
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        offsets.add(out.size());
        write(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets.add(out.size());
        write(out, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets.add(out.size());
        write(out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + width + " " + height + "] "
                + "/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>\nendobj\n");
        offsets.add(out.size());
        write(out, "4 0 obj\n<< /Type /XObject /Subtype /Image /Width " + width + " /Height " + height
                + " /ColorSpace /" + (gray ? "DeviceGray" : "DeviceRGB") + " /BitsPerComponent 8 /Filter /DCTDecode"
                + " /Length " + jpeg.length + " >>\nstream\n");
        out.writeBytes(jpeg);
        write(out, "\nendstream\nendobj\n");
        String content = "q " + width + " 0 0 " + height + " 0 0 cm /Im0 Do Q";
        offsets.add(out.size());
        write(out, "5 0 obj\n<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream\nendobj\n");
        int xref = out.size();
        StringBuilder b = new StringBuilder("xref\n0 ").append(offsets.size() + 1).append("\n0000000000 65535 f \n");
        for (int o : offsets) {
            b.append(String.format("%010d 00000 n \n", o));
        }
        b.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        write(out, b.toString());
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
