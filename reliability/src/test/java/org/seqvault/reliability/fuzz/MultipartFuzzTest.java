package org.seqvault.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * multipart/form-data uploads: a raw body under a fixed boundary, and a well-formed form under a
 * fuzzed boundary. Never a 500; a file the server accepts has a sound key.
 */
class MultipartFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void formBodies(byte[] input) throws IOException {
        FuzzServer fx = FuzzServer.get();
        byte[] payload = Bytes.payload(input);
        String contentType;
        byte[] body;
        if (Bytes.selector(input, 2) == 0) {
            contentType = "multipart/form-data; boundary=fuzzb";
            body = payload;
        } else {
            String boundary = new String(Bytes.headerValue(payload), StandardCharsets.ISO_8859_1);
            contentType = "multipart/form-data; boundary=" + boundary;
            body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"workspace_id\"\r\n\r\n" + fx.workspaceId
                    + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.txt\"\r\n\r\n"
                    + "boundary\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        }
        RawHttp.Answer answer = fx.raw.send(Bytes.of("POST"), Bytes.of("/v1/files/upload"),
                Bytes.join(Bytes.of(fx.auth() + "Content-Type: "), contentType.getBytes(StandardCharsets.ISO_8859_1),
                        Bytes.of("\r\n")), body);
        Soundness.check(answer, "/v1/files/upload");
        if (answer.status() == 201) {
            JsonNode file = Soundness.json(answer, "/v1/files/upload");
            Soundness.checkKey(file.get("key").asText());
        }
    }
}
