package org.seqvault.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/** JSON bodies of every call that takes one, as raw bytes: never a 500, refusals in the dialect's format. */
class JsonBodyFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void jsonBodies(byte[] input) throws IOException {
        FuzzServer fx = FuzzServer.get();
        String[] call = switch (Bytes.selector(input, 13)) {
            case 0 -> new String[] {"POST", "/v2/files"};
            case 1 -> new String[] {"PATCH", "/v2/files/" + fx.fileId};
            case 2 -> new String[] {"PATCH", "/v2/files/" + fx.fileId + "/metadata"};
            case 3 -> new String[] {"PUT", "/v2/files/" + fx.fileId + "/tags"};
            case 4 -> new String[] {"POST", "/v2/files/" + fx.fileId + "/actions/copy"};
            case 5 -> new String[] {"POST", "/v2/bulk/files/edit"};
            case 6 -> new String[] {"POST", "/v2/upload/multipart"};
            case 7 -> new String[] {"POST", "/v2/upload/multipart/" + fx.uploadId + "/part"};
            case 8 -> new String[] {"POST", "/v1/files/upload-url"};
            case 10 -> new String[] {"POST", "/v2/action/files/copy"};
            case 11 -> new String[] {"PATCH", "/v2/projects/" + fx.projectId};
            case 12 -> new String[] {"PATCH", "/v2/projects/" + fx.projectId + "/members/fuzzer/permissions"};
            default -> new String[] {"POST", "/v1/files/upload-confirm"};
        };
        RawHttp.Answer answer = fx.raw.send(Bytes.of(call[0]), Bytes.of(call[1]),
                Bytes.of(fx.auth() + "Content-Type: application/json\r\n"), Bytes.payload(input));
        Soundness.check(answer, call[1]);
    }
}
