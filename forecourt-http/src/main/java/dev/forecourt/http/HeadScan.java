package dev.forecourt.http;

import io.netty.buffer.ByteBuf;

/**
 * Walks the bytes of one request head beside Netty's decoder, once each, for what Netty would accept silently:
 * obs-fold (a header line starting with SP or HTAB, which it unfolds) and a repeated Content-Length field (which
 * for HTTP/1.0 it settles by taking the first value, while another server may take the last: a smuggling vector).
 * The decoder consumes whole lines as they come, so bytes already walked are remembered across calls.
 */
final class HeadScan {
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** What the head holds that is refused. */
    enum Finding { NONE, OBS_FOLD, REPEATED_CONTENT_LENGTH }

    private int scanned;          // bytes after the buffer's reader index already walked
    private boolean lineStart = true;
    private boolean firstLine = true;
    private int lineLength;
    private int nameMatched;      // bytes of "content-length:" matched at this line's start; -1: not this field
    private int contentLengths;
    private boolean done;         // the blank line was seen

    /** Walks what arrived since the last call. */
    Finding walk(ByteBuf buf) {
        int i = buf.readerIndex() + scanned;
        int end = buf.writerIndex();
        for (; i < end && !done; i++) {
            byte b = buf.getByte(i);
            if (lineStart) {
                if (b == ' ' || b == '\t') {
                    return Finding.OBS_FOLD; // (on the request line: malformed all the same)
                }
                lineStart = false;
                lineLength = 0;
                nameMatched = firstLine ? -1 : 0;
            }
            if (nameMatched >= 0 && nameMatched < CONTENT_LENGTH.length) {
                nameMatched = (b | 0x20) == CONTENT_LENGTH[nameMatched] || b == CONTENT_LENGTH[nameMatched] ? nameMatched + 1 : -1;
                if (nameMatched == CONTENT_LENGTH.length && ++contentLengths > 1) {
                    return Finding.REPEATED_CONTENT_LENGTH;
                }
            }
            if (b == '\n') {
                if (lineLength <= 1 && !firstLine) {
                    done = true; // the blank line: the header section ends here
                }
                lineStart = true;
                firstLine = false;
            }
            lineLength++;
        }
        scanned = i - buf.readerIndex();
        return Finding.NONE;
    }

    /** The decoder consumed {@code n} bytes of what was walked. */
    void consumed(int n) {
        scanned = Math.max(0, scanned - n);
    }
}
