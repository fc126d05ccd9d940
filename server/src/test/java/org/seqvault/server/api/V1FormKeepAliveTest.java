package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A form upload whose last bytes (the CRLF after the closing boundary) arrive late. The parser
 * stops at the boundary; unless the server reads the rest before answering, it closes the
 * connection under its own answer, and a client whose last write lands after that close gets a
 * reset instead of the 201. Seen as "header parser received no bytes" under load.
 */
class V1FormKeepAliveTest {
    private static ServerFixture fx;
    private static String token;
    private static String workspace;

    @BeforeAll
    static void start() {
        fx = new ServerFixture(Backend.SQLITE_AND_FILES);
        ApiScenario sc = new ApiScenario(fx.http);
        token = sc.user("kai", "files", "projects");
        workspace = sc.workspace(token, "Keepalive").get("workspace_id").asText();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void aLateEpilogueIsReadAndTheConnectionStaysOpen() throws Exception {
        URI base = URI.create(fx.server.publicUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                byte[] request = formRequest("late-" + i + ".bin");
                out.write(request, 0, request.length - 2);
                out.flush();
                Thread.sleep(300);
                out.write(request, request.length - 2, 2);
                out.flush();
                String head = responseHead(in);
                assertThat(head).startsWith("HTTP/1.1 201");
                assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");
            }
        }
    }

    private static byte[] formRequest(String fileName) {
        String boundary = "----keepalive";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"workspace_id\"\r\n\r\n" + workspace
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[4096]);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /v1/files/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + body.size()
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        request.writeBytes(body.toByteArray());
        return request.toByteArray();
    }

    /** Reads one answer: its head, returned, and its body by Content-Length, dropped. */
    private static String responseHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes of the answer's head");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        long length = text.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElse(0);
        in.readNBytes((int) length);
        return text;
    }
}
