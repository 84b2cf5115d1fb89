package dev.forecourt.http;

import io.netty.buffer.ByteBuf;

/**
 * Walks the bytes of one chunked request body beside Netty's decoder, only to find obs-fold in its trailer section
 * (a trailer line starting with SP or HTAB), which RFC 9112 section 5.2 lets a server refuse and which Netty would
 * silently join to the line before. It does not judge the chunk framing: the decoder does that, and refuses bad
 * framing on its own.
 */
final class TrailerFoldScan {
    private enum State { SIZE, DATA, DATA_END, LINE_START, LINE, DONE }

    private State state = State.SIZE;
    private long size;          // the chunk size being read, then the data bytes left
    private boolean sizeDone;   // past the hex digits (an extension or CR follows)
    private int scanned;        // bytes after the buffer's reader index already walked

    /** Walks what arrived since the last call; true when a trailer line is folded. */
    boolean folded(ByteBuf buf) {
        int i = buf.readerIndex() + scanned;
        int end = buf.writerIndex();
        for (; i < end && state != State.DONE; i++) {
            byte b = buf.getByte(i);
            switch (state) {
                case SIZE -> {
                    if (b == '\n') {
                        state = size == 0 ? State.LINE_START : State.DATA;
                        sizeDone = false;
                    } else if (!sizeDone && Character.digit(b, 16) >= 0 && size < (1L << 56)) {
                        size = size * 16 + Character.digit(b, 16);
                    } else {
                        sizeDone = true;
                    }
                }
                case DATA -> {
                    long skip = Math.min(size, end - i);
                    size -= skip;
                    i += (int) skip - 1;
                    if (size == 0) {
                        state = State.DATA_END;
                    }
                }
                case DATA_END -> {
                    if (b == '\n') {
                        state = State.SIZE;
                    }
                }
                case LINE_START -> {
                    if (b == ' ' || b == '\t') {
                        return true;
                    }
                    state = b == '\r' || b == '\n' ? (b == '\n' ? State.DONE : State.LINE_START) : State.LINE;
                }
                case LINE -> {
                    if (b == '\n') {
                        state = State.LINE_START;
                    }
                }
                default -> { }
            }
        }
        scanned = i - buf.readerIndex();
        return false;
    }

    /** The decoder consumed {@code n} bytes of what was walked. */
    void consumed(int n) {
        scanned = Math.max(0, scanned - n);
    }
}
