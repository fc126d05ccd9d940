package org.seqvault.reliability.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, so a fuzzer can put any byte anywhere in a request (a client
 * library would refuse or repair what the server must survive). Each exchange uses its own
 * connection with {@code Connection: close} and reads the answer to the end.
 */
final class RawHttp {
    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The answer: status (0 when the server closed without one), headers and body as text. */
    record Answer(int status, String head, byte[] body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends a request line, extra header lines (each ending CRLF) and a body; adds Host, Content-Length and Connection. */
    Answer send(byte[] method, byte[] target, byte[] headers, byte[] body) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(method);
        req.write(' ');
        req.writeBytes(target);
        req.writeBytes((" HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(headers);
        if (body != null) {
            req.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        req.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            req.writeBytes(body);
        }
        // Jazzer's SSRF detector would take this test's own connection for an attack; only the server is allowed.
        try (SilentCloseable allowed = BugDetectors.allowNetworkConnections((h, p) -> p == port
                && (h.equals(host) || h.equals("localhost") || h.equals("127.0.0.1")));
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(req.toByteArray());
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] raw) {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (!all.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(0, all, new byte[0]);
        }
        String head = all.substring(0, end);
        int status = Integer.parseInt(head.substring(9, 12));
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        String encoding = new Answer(status, head, body).header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = unchunk(body);
        }
        return new Answer(status, head, body);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, n);
            at = lineEnd + 2 + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
