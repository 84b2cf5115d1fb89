package dev.forecourt.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code forecourt check} on a broken file kept in {@code src/test/resources/check/}, copied into a directory of
 * its own (where a test puts the certificates and directories it names). {@code @PORT@} in the file becomes a port
 * free at that moment, and each of {@code vars} its value.
 */
final class CheckRun {
    private CheckRun() {}

    record Result(Path file, int exit, String out, String err) {
        /** The file's name as check prints it, for expected lines. */
        String at(int line) {
            return file + ":" + line + ": ";
        }
    }

    static Path copy(Path dir, String resource, Map<String, String> vars) throws Exception {
        String text;
        try (InputStream in = CheckRun.class.getResourceAsStream("/check/" + resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        text = text.replace("@PORT@", Integer.toString(freePort()));
        for (Map.Entry<String, String> v : vars.entrySet()) {
            text = text.replace(v.getKey(), v.getValue());
        }
        Path file = dir.resolve(resource);
        Files.writeString(file, text);
        return file;
    }

    static Result resource(Path dir, String resource, String... options) throws Exception {
        return file(copy(dir, resource, Map.of()), options);
    }

    static Result file(Path file, String... options) {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(List.of(options));
        args.add(file.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.commandLine(args.toArray(String[]::new)).execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new Result(file, exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
