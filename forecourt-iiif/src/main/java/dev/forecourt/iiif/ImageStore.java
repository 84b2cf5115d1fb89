package dev.forecourt.iiif;

import dev.forecourt.http.ErrorType;
import dev.forecourt.iiif.request.IiifException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Identifiers to files under one directory. An identifier is a relative path (its {@code /} sent as {@code %2F});
 * it never reaches outside the directory: no {@code ..}, no absolute paths, no symbolic link out.
 */
public final class ImageStore {
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "tif", "tiff", "png", "jp2", "webp", "gif");
    private final Path root;

    public ImageStore(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("images: " + dir + " is not a directory");
        }
        this.root = dir.toRealPath();
    }

    public Path root() {
        return root;
    }

    /** The file for {@code id}, or 404 (nothing there) / 400 (not an identifier this store could hold). */
    public Path resolve(String id) throws IiifException {
        if (id.isEmpty() || id.length() > 1024) {
            throw IiifException.badIdentifier("identifier is empty or longer than 1024 characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw IiifException.badIdentifier("identifier '" + printable(id) + "' contains a control character or a backslash");
            }
        }
        for (String segment : id.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw notFound(id);
            }
        }
        Path file = root.resolve(id).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw notFound(id);
        }
        try {
            if (!file.toRealPath().startsWith(root)) {
                throw notFound(id); // a symbolic link out of the directory
            }
        } catch (IOException e) {
            throw notFound(id);
        }
        return file;
    }

    /** Up to {@code max} identifiers of images under the directory, sorted. */
    public List<String> list(int max) {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 8)) {
            files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && image(p))
                    .map(p -> root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
                    .sorted()
                    .limit(max)
                    .forEach(ids::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static boolean image(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static IiifException notFound(String id) {
        return new IiifException(ErrorType.NOT_FOUND, "no image '" + printable(id) + "' here",
                "use an identifier from this service's index page (/); a '/' inside an identifier is sent as %2F.");
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
