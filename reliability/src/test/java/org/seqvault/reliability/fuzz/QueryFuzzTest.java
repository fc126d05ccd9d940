package org.seqvault.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Query strings of the listing calls (Seven Bridges filters, offset/limit/token paging, v1
 * prefix/limit/cursor) and the ids in their paths, as raw bytes: never a 500, refusals in the
 * dialect's format.
 */
class QueryFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void v2FiltersAndPaging(byte[] input) throws IOException {
        FuzzServer fx = FuzzServer.get();
        byte[] q = Bytes.target(Bytes.payload(input));
        String path = switch (Bytes.selector(input, 7)) {
            case 0 -> "/v2/files?project=" + fx.projectId + "&";
            case 1 -> "/v2/files/scroll?project=" + fx.projectId + "&";
            case 2 -> "/v2/files/" + fx.folderId + "/list?";
            case 3 -> "/v2/files/" + fx.folderId + "/scroll?";
            case 4 -> "/v2/files?";
            case 5 -> "/v2/projects/" + fx.projectId + "/files?";
            default -> "/v2/upload/multipart?";
        };
        RawHttp.Answer answer = fx.raw.send(Bytes.of("GET"), Bytes.join(Bytes.of(path), q),
                Bytes.of(fx.auth()), null);
        Soundness.check(answer, path);
    }

    @FuzzTest(maxDuration = "5m")
    void v1ListingAndIds(byte[] input) throws IOException {
        FuzzServer fx = FuzzServer.get();
        byte[] fuzz = Bytes.target(Bytes.payload(input));
        String path;
        byte[] target;
        switch (Bytes.selector(input, 4)) {
            case 0 -> {
                path = "/v1/files";
                target = Bytes.join(Bytes.of("/v1/files?workspace_id=" + fx.workspaceId + "&"), fuzz);
            }
            case 1 -> {
                path = "/v2/files/{id}";
                target = Bytes.join(Bytes.of("/v2/files/"), fuzz);
            }
            case 2 -> {
                path = "/v2/projects/{owner}/{slug}";
                target = Bytes.join(Bytes.of("/v2/projects/"), fuzz);
            }
            default -> {
                path = "/v2/upload/multipart/{id}";
                target = Bytes.join(Bytes.of("/v2/upload/multipart/"), fuzz);
            }
        }
        Soundness.check(fx.raw.send(Bytes.of("GET"), target, Bytes.of(fx.auth()), null),
                path.startsWith("/v2") ? "/v2/" : path);
    }
}
