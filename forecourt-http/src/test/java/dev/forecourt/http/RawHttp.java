package dev.forecourt.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Sends exact bytes over a real socket and reads what comes back until the peer closes (or a timeout). */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;

    public RawHttp(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 2000);
        socket.setSoTimeout(5000);
    }

    public RawHttp send(String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Everything until the peer closes the connection; fails the test by exception if it stays open past 5s. */
    public String readUntilClose() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            b.write(buf, 0, n);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** One response with a Content-Length body (the connection stays open). */
    public String readResponse() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int headEnd = -1;
        long length = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0 && s.endsWith("\r\n\r\n")) {
                headEnd = s.length();
                for (String line : s.split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Long.parseLong(line.substring(15).trim());
                    }
                }
                if (length <= 0) {
                    break;
                }
            } else if (headEnd >= 0 && b.size() - headEnd >= length) {
                break;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** True if the peer closed the connection (read returns -1) within the timeout. */
    public boolean closedByPeer() throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
