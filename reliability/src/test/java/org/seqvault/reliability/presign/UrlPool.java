package org.seqvault.reliability.presign;

import static org.seqvault.reliability.support.Accounts.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.Sha256;

/**
 * Genuine presigned URLs of both kinds, with what each must do: download URLs (v1 download and
 * v2 download_info) of files with known bytes, and part-upload URLs (v1 multi-part upload-url and
 * v2 multipart) of uploads that are completed at the end to prove every part holds the bytes its
 * genuine URL carried.
 */
final class UrlPool {
    private static final int PARTS = 3;
    /** The last part of every upload, and every part where the store allows parts this small. */
    static final int SMALL_PART = 1024;
    /**
     * Forged bodies are at most this long: a store does not know a part's length before it checks
     * the signature, and S3Proxy, refusing a request whose body it did not read, resets the
     * connection (losing its answer) when much more of the body is still in flight.
     */
    private static final int MAX_FORGED = SMALL_PART;
    /** Full parts above this size share one random block. */
    private static final int DISTINCT_PART_LIMIT = 64 * 1024;

    /** A URL as handed out, and the bytes it downloads or uploads. */
    record Issued(SignedUrl url, boolean download, byte[] bytes) {
    }

    /** An upload whose part URLs are in the pool, and the parts its genuine URLs carry. */
    private record Pending(boolean v1, String id, String fileKey, String name, List<byte[]> parts) {
        long size() {
            return parts.stream().mapToLong(p -> p.length).sum();
        }
    }

    final List<Issued> urls = new ArrayList<>();
    private final List<Pending> uploads = new ArrayList<>();
    private final Http http;
    private final String token;
    private final String workspaceId;
    private final String projectId;
    private final SplittableRandom random;
    private final int partSize;
    private byte[] sharedPart;
    private int files;

    /** {@code partSize}: every part but the last; the server's single-PUT limit must be the same. */
    UrlPool(Http http, String token, String workspaceId, String projectId, SplittableRandom random, int partSize) {
        this.http = http;
        this.token = token;
        this.workspaceId = workspaceId;
        this.projectId = projectId;
        this.random = random;
        this.partSize = partSize;
    }

    void fill(int wanted) throws IOException {
        while (urls.size() < wanted) {
            addDownloads();
            addV1Parts();
            addV2Parts();
        }
    }

    /** Another genuine URL of the same kind for a different object or part (for splicing). */
    Issued siblingOf(int index) {
        Issued self = urls.get(index);
        for (int step = 1; step < urls.size(); step++) {
            Issued other = urls.get((index + step) % urls.size());
            if (other.download() == self.download() && !other.url().segments().equals(self.url().segments())) {
                return other;
            }
        }
        throw new IllegalStateException("no sibling for " + self.url().render());
    }

    /**
     * Sends {@code url} as a holder of {@code genuine} would and says whether the server honoured
     * it. A download must also return the genuine bytes; an upload sends bytes of the genuine
     * part's length but other content, so a mutant that got through would show at completion.
     */
    boolean use(Issued genuine, SignedUrl url) throws IOException {
        boolean isGenuine = url.equals(genuine.url());
        byte[] body = genuine.download() ? null
                : isGenuine ? genuine.bytes() : forged(Math.min(genuine.bytes().length, MAX_FORGED));
        HttpRequest request = http.request(url.render()).method(url.method(),
                body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body)).build();
        int status;
        byte[] answered;
        if (url.origin().equals(http.base())) {
            Http.Answer answer = http.send(request);
            status = answer.status();
            answered = answer.bytes();
        } else {
            ObjectStoreCalls.Reply reply = ObjectStoreCalls.send(http.client(), request);
            status = reply.status();
            answered = reply.body();
        }
        boolean ok = status >= 200 && status < 300;
        if (isGenuine && genuine.download()) {
            return ok && Arrays.equals(answered, genuine.bytes());
        }
        return ok;
    }

    /** Completes every upload and returns those whose bytes are not what the genuine part URLs sent. */
    List<String> completeAndVerify() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Pending p : uploads) {
            String key;
            if (p.v1()) {
                expect(http.call("POST", "/v1/files/upload-confirm", token, Map.of("file_key", p.fileKey(),
                        "workspace_id", workspaceId, "filename", p.name(), "size", p.size())), 201);
                key = p.name();
            } else {
                List<Map<String, Object>> reports = new ArrayList<>();
                for (int n = 1; n <= PARTS; n++) {
                    reports.add(Map.of("part_number", n, "response", Map.of("headers",
                            Map.of("ETag", md5(p.parts().get(n - 1))))));
                }
                expect(http.call("POST", "/v2/upload/multipart/" + p.id() + "/complete", token,
                        Map.of("parts", reports)), 200);
                key = p.name();
            }
            String url = expect(http.get("/v1/files/download?workspace_id=" + workspaceId + "&key="
                    + URLEncoder.encode(key, StandardCharsets.UTF_8), token), 200).get("url").asText();
            byte[] stored = http.send(http.request(url).GET().build()).bytes();
            if (!Sha256.of(stored).equals(Sha256.of(concat(p.parts())))) {
                wrong.add(key + " holds other bytes than its genuine part URLs sent");
            }
        }
        return wrong;
    }

    private void addDownloads() throws IOException {
        byte[] bytes = random(1 + random.nextInt(3000));
        String name = "file-" + (++files) + ".bin";
        JsonNode file = expect(http.form("/v1/files/upload", token, List.<String[]>of(
                new String[] {"workspace_id", workspaceId}), name, bytes), 201);
        String v1 = expect(http.get("/v1/files/download?workspace_id=" + workspaceId + "&key=" + name, token), 200)
                .get("url").asText();
        String v2 = expect(http.get("/v2/files/" + file.get("file_id").asText() + "/download_info", token), 200)
                .get("url").asText();
        urls.add(new Issued(SignedUrl.parse(v1, "GET"), true, bytes));
        urls.add(new Issued(SignedUrl.parse(v2, "GET"), true, bytes));
    }

    private void addV1Parts() throws IOException {
        List<byte[]> parts = uploadParts();
        String name = "v1-upload-" + (++files) + ".bin";
        JsonNode ticket = expect(http.call("POST", "/v1/files/upload-url", token, Map.of("filename", name,
                "workspace_id", workspaceId, "size", size(parts))), 201);
        for (JsonNode part : ticket.get("parts")) {
            int n = part.get("partNumber").asInt();
            urls.add(new Issued(SignedUrl.parse(part.get("uploadUrl").asText(), "PUT"), false, parts.get(n - 1)));
        }
        uploads.add(new Pending(true, null, ticket.get("fileKey").asText(), name, parts));
    }

    private void addV2Parts() throws IOException {
        List<byte[]> parts = uploadParts();
        String name = "v2-upload-" + (++files) + ".bin";
        String id = expect(http.call("POST", "/v2/upload/multipart", token, Map.of("name", name, "size", size(parts),
                "part_size", partSize, "project", projectId)), 200).get("upload_id").asText();
        for (int n = 1; n <= PARTS; n++) {
            String url = expect(http.get("/v2/upload/multipart/" + id + "/part/" + n, token), 200).get("url").asText();
            urls.add(new Issued(SignedUrl.parse(url, "PUT"), false, parts.get(n - 1)));
        }
        uploads.add(new Pending(false, id, null, name, parts));
    }

    /**
     * {@link #PARTS} parts: full ones of the part size and a small last one. Full parts as large
     * as S3's 5 MiB all share one random block (forged bytes differ from it all the same), which
     * keeps hundreds of uploads in little memory.
     */
    private List<byte[]> uploadParts() {
        List<byte[]> parts = new ArrayList<>();
        for (int n = 1; n < PARTS; n++) {
            if (partSize <= DISTINCT_PART_LIMIT) {
                parts.add(random(partSize));
            } else {
                if (sharedPart == null) {
                    sharedPart = random(partSize);
                }
                parts.add(sharedPart);
            }
        }
        parts.add(random(Math.min(partSize, SMALL_PART)));
        return parts;
    }

    private static long size(List<byte[]> parts) {
        return parts.stream().mapToLong(p -> p.length).sum();
    }

    private static byte[] concat(List<byte[]> parts) {
        byte[] all = new byte[(int) size(parts)];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private byte[] random(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] forged(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 'X');
        return b;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
