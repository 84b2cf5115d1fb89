package dev.forecourt.edge.framing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Cuts the bytes a client has received into whole responses, keeping any partial one for later: reads may stop at
 * any byte (a socket timeout), and no response is lost to one. Bodies by Content-Length or chunked (what Forecourt
 * sends); none for 1xx, 204 and 304.
 */
final class Responses {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int consumed;
    private int count;
    private int closeAnnounced = -1;

    void add(byte[] data, int length) {
        received.write(data, 0, length);
    }

    /** The status of the next whole response, or -1 if it has not arrived whole yet. */
    int next() {
        String s = received.toString(StandardCharsets.ISO_8859_1);
        int headEnd = s.indexOf("\r\n\r\n", consumed);
        if (headEnd < 0) {
            return -1;
        }
        String head = s.substring(consumed, headEnd);
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase(Locale.ROOT);
        int bodyStart = headEnd + 4;
        int end;
        if (status < 200 || status == 204 || status == 304) {
            end = bodyStart;
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            end = chunkedEnd(s, bodyStart);
        } else {
            int at = lower.indexOf("\r\ncontent-length:");
            long length = at < 0 ? 0 : Long.parseLong(lower.substring(at + 17, lower.indexOf("\r\n", at + 2) < 0 ? lower.length() : lower.indexOf("\r\n", at + 2)).trim());
            end = s.length() - bodyStart >= length ? bodyStart + (int) length : -1;
        }
        if (end < 0) {
            return -1;
        }
        consumed = end;
        if (closeAnnounced < 0 && lower.matches("(?s).*\r\nconnection:[ \t]*close\b.*")) {
            closeAnnounced = count;
        }
        count++;
        return status;
    }

    /** Index of the first response that said {@code Connection: close}, or -1. */
    int closeAnnounced() {
        return closeAnnounced;
    }

    private static int chunkedEnd(String s, int at) {
        while (true) {
            int lineEnd = s.indexOf("\r\n", at);
            if (lineEnd < 0) return -1;
            int size = Integer.parseInt(s.substring(at, lineEnd).split(";")[0].trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                int end = s.indexOf("\r\n\r\n", at - 2);
                return end < 0 ? -1 : end + 4;
            }
            at += size + 2;
            if (at > s.length()) return -1;
        }
    }
}
