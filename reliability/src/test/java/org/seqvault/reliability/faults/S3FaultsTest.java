package org.seqvault.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seqvault.reliability.faults.FaultyS3Store.Call.COMPLETE_MULTIPART_UPLOAD;
import static org.seqvault.reliability.faults.FaultyS3Store.Call.GET_OBJECT;
import static org.seqvault.reliability.faults.FaultyS3Store.Call.PUT_OBJECT;
import static org.seqvault.reliability.faults.FaultyS3Store.Call.UPLOAD_PART;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.backend.Backends;
import org.seqvault.reliability.backend.PostgresS3Backend;
import org.seqvault.reliability.backend.RecordedBlobs;
import org.seqvault.reliability.support.Cli;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.Results;
import org.seqvault.reliability.support.ServerProcess;
import org.seqvault.reliability.support.Sha256;
import org.seqvault.testkit.stores.S3TestServer;

/**
 * An S3 that fails mid-upload, under the real server process on PostgreSQL: S3Proxy runs on a
 * {@link FaultyS3Store}, whose PutObject, UploadPart, CompleteMultipartUpload and GetObject fail
 * on command. Every path where the server talks to S3 during an upload is hit: the form upload
 * it streams to S3, the read-back when confirming bytes a client PUT to S3 itself, and the
 * completion of a Seven Bridges multipart upload; parts clients PUT straight to S3 are refused
 * by S3 itself. Checked: the server answers 500 in the dialect's format without internals,
 * publishes nothing, keeps serving, finishes each upload once S3 is healthy, and after the
 * collector runs the prefix holds exactly the published files' objects.
 */
class S3FaultsTest {
    private static final int MIB = 1 << 20;
    /** Beyond the server's 64 KiB probe, so it goes to S3 in chunks of 5 MiB or more. */
    private static final int FORM_SIZE = 6 * MIB + 11;
    private static final int PRESIGNED_SIZE = MIB + 7;
    /** Two Seven Bridges parts: S3's smallest (5 MiB) and a short last one. */
    private static final int PART_SIZE = 5 * MIB;
    private static final int MULTIPART_SIZE = PART_SIZE + MIB / 2;

    private S3TestServer s3;
    private FaultyS3Store store;
    private BucketPrefix bucket;
    private Uploads up;
    private final Results results = new Results("s3-faults");

    @Test
    void s3FailingMidUploadPublishesNothingLeaksNothingAndUploadsRecover(@TempDir Path data) throws Exception {
        assumeTrue(Backends.selected().stream().anyMatch(b -> b.name().equals(PostgresS3Backend.NAME)),
                "runs on postgres-s3 only, which -Dreliability.backends leaves out");
        long started = System.nanoTime();
        AtomicReference<FaultyS3Store> faulty = new AtomicReference<>();
        try (S3TestServer faultyS3 = S3TestServer.start(real -> {
            faulty.set(new FaultyS3Store(real));
            return faulty.get();
        })) {
            s3 = faultyS3;
            store = faulty.get();
            S3ProxyAnswers.probe(s3, store).forEach((call, answer) -> results.put("s3proxy_answer_when_"
                    + call.name().toLowerCase(Locale.ROOT) + "_fails", answer));
            store.resetStrikes();
            Backend backend = new PostgresS3Backend(s3);
            Map<String, String> env = backend.freshStore(data);
            bucket = new BucketPrefix(s3.client(), env.get("SEQVAULT_BLOB_STORE"));
            try (ServerProcess server = ServerProcess.start(env, "--rate-limit", "0", "--max-form-upload", "16MiB",
                    "--single-put-limit", "5MiB")) {
                up = new Uploads(new Http(server.url()));
                Map<String, byte[]> published = new LinkedHashMap<>();
                published.put("form.bin", formUpload());
                published.put("presigned.bin", presignedPutAndConfirm());
                published.put("multipart.bin", sevenBridgesMultipart());
                assertThat(up.keys()).containsExactlyInAnyOrderElementsOf(published.keySet());
                List<String> expectedObjects = downloadedIntact(published, env);

                Cli.Result collected = Cli.run(server.env(), "collect");
                assertThat(collected.exitCode()).as(collected.output()).isZero();
                List<String> objects = bucket.objects();
                List<String> openUploads = bucket.openMultipartUploads();
                results.put("uploads_completed_after_healing", published.size())
                        .put("objects_under_prefix_after_collect", objects.size() + " (published files: "
                                + published.size() + ")")
                        .put("open_multipart_uploads_after_collect", openUploads.size())
                        .put("collector", collected.output().lines().filter(l -> l.contains("collect"))
                                .reduce((a, b) -> b).orElse("(said nothing)"))
                        .put("store_failures_under_the_server", store.strikes(PUT_OBJECT) + " PutObject, "
                                + store.strikes(UPLOAD_PART) + " UploadPart, " + store.strikes(COMPLETE_MULTIPART_UPLOAD)
                                + " CompleteMultipartUpload, " + store.strikes(GET_OBJECT)
                                + " GetObject (SDK retries included)")
                        .put("seconds", (System.nanoTime() - started) / 1_000_000_000.0)
                        .write();
                assertThat(objects).as("objects under the prefix").containsExactlyInAnyOrderElementsOf(expectedObjects);
                assertThat(openUploads).as("multipart uploads left open").isEmpty();
            }
        }
    }

    /** v1 form upload: the server streams the file to S3, which fails a chunk, then the completion. */
    private byte[] formUpload() throws IOException {
        byte[] bytes = random(FORM_SIZE, 1);
        store.arm(UPLOAD_PART, PUT_OBJECT);
        assertServerFailure(up.form("form.bin", bytes));
        results.put("form_upload_while_part_writes_fail", "500 internal (S3 UploadPart failed "
                + store.strikes(UPLOAD_PART) + " times, SDK retries included)");
        assertNothingPublishedOrLeft();
        store.heal();

        store.arm(COMPLETE_MULTIPART_UPLOAD);
        assertServerFailure(up.form("form.bin", bytes));
        results.put("form_upload_while_completion_fails", "500 internal");
        assertNothingPublishedOrLeft();
        store.heal();

        assertThat(up.form("form.bin", bytes).status()).as("form upload after healing").isEqualTo(201);
        return bytes;
    }

    /** v1 presigned PUT + confirm: the client's PUT meets S3's refusal; confirm reads the object back. */
    private byte[] presignedPutAndConfirm() throws IOException {
        byte[] bytes = random(PRESIGNED_SIZE, 2);
        JsonNode ticket = up.uploadUrl("presigned.bin", PRESIGNED_SIZE);
        String putUrl = ticket.get("uploadUrl").asText();
        store.arm(UPLOAD_PART, PUT_OBJECT);
        results.put("s3_answer_to_presigned_put_while_writes_fail", refusedByS3(putUrl, bytes));
        Http.Answer early = up.confirm(ticket, "presigned.bin", PRESIGNED_SIZE);
        assertThat(early.status()).as(early.text()).isBetween(400, 499);
        results.put("confirm_after_the_refused_put", early.status() + " "
                + early.json().path("error").path("code").asText());
        assertThat(up.keys()).as("published without its bytes").containsExactly("form.bin");
        store.heal();

        assertThat(up.http.put(putUrl, bytes).status()).as("presigned PUT after healing").isEqualTo(200);
        store.arm(GET_OBJECT);
        assertServerFailure(up.confirm(ticket, "presigned.bin", PRESIGNED_SIZE));
        assertThat(store.strikes(GET_OBJECT)).as("confirm read the object back").isPositive();
        results.put("confirm_while_get_object_fails", "500 internal (GetObject failed "
                + store.strikes(GET_OBJECT) + " times)");
        assertThat(up.keys()).as("published while its read-back failed").containsExactly("form.bin");
        assertStillServing();
        store.heal();

        assertThat(up.confirm(ticket, "presigned.bin", PRESIGNED_SIZE).status()).as("confirm repeated").isEqualTo(201);
        return bytes;
    }

    /** Seven Bridges multipart: parts go straight to S3; the server completes the S3 multipart upload. */
    private byte[] sevenBridgesMultipart() throws IOException {
        byte[] bytes = random(MULTIPART_SIZE, 3);
        String upload = up.multipart("multipart.bin", MULTIPART_SIZE, PART_SIZE);
        String part1 = up.partUrl(upload, 1);
        byte[] first = Arrays.copyOfRange(bytes, 0, PART_SIZE);
        store.arm(UPLOAD_PART, PUT_OBJECT);
        results.put("s3_answer_to_sb_part_put_while_writes_fail", refusedByS3(part1, first));
        store.heal();

        assertThat(up.http.put(part1, first).status()).isEqualTo(200);
        assertThat(up.http.put(up.partUrl(upload, 2), Arrays.copyOfRange(bytes, PART_SIZE, MULTIPART_SIZE)).status())
                .isEqualTo(200);
        store.arm(COMPLETE_MULTIPART_UPLOAD);
        Http.Answer sb = up.complete(upload);
        assertThat(sb.status()).as(sb.text()).isEqualTo(500);
        assertThat(sb.json().get("status").asInt()).isEqualTo(500);
        assertThat(sb.json().get("code").asInt()).isEqualTo(90009);
        assertNoInternals(sb);
        results.put("sb_complete_while_completion_fails", "500, code 90009");
        assertThat(up.keys()).as("published while completion failed").containsExactlyInAnyOrder("form.bin",
                "presigned.bin");
        assertStillServing();
        store.heal();

        assertThat(up.complete(upload).status()).as("complete repeated").isEqualTo(200);
        return bytes;
    }

    /** Each file downloads with the SHA-256 it was sent with; returns the objects that must remain (blobs/id). */
    private List<String> downloadedIntact(Map<String, byte[]> files, Map<String, String> env) throws IOException {
        List<String> objects = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Http.Answer download = up.download(file.getKey());
            assertThat(Sha256.of(download.bytes())).as(file.getKey()).isEqualTo(Sha256.of(file.getValue()));
            objects.add("blobs/" + RecordedBlobs.blobOf(env, up.fileId(file.getKey())));
        }
        return objects;
    }

    /** A workspace-API 500 that names nothing of S3: no exception text, no endpoint, bucket or S3 error code. */
    private void assertServerFailure(Http.Answer answer) {
        InjectedFaultsTest.assertV1(answer, 500, "internal");
        assertNoInternals(answer);
    }

    private void assertNoInternals(Http.Answer answer) {
        assertThat(answer.text()).doesNotContain("InternalError").doesNotContain(S3TestServer.BUCKET)
                .doesNotContain(s3.endpoint().getAuthority()).doesNotContain("blobs/").doesNotContain("Exception");
    }

    /** Nothing listed, nothing in the bucket (the failed write's multipart upload was aborted), and still serving. */
    private void assertNothingPublishedOrLeft() throws IOException {
        assertThat(up.keys()).as("published after S3 failed").isEmpty();
        assertThat(bucket.objects()).as("objects left").isEmpty();
        assertThat(bucket.openMultipartUploads()).as("multipart uploads left").isEmpty();
        assertStillServing();
    }

    private void assertStillServing() throws IOException {
        assertThat(up.http.get("/healthz", null).status()).as("healthz").isEqualTo(200);
    }

    /** A PUT straight to S3 while its store fails: what the client sees, which must not be a success. */
    private String refusedByS3(String url, byte[] bytes) {
        try {
            Http.Answer answer = up.http.put(url, bytes);
            assertThat(answer.status()).as(answer.text()).isGreaterThanOrEqualTo(500);
            String code = answer.text().replaceAll("(?s).*<Code>([^<]*)</Code>.*", "$1");
            return answer.status() + " " + (code.length() < 64 ? code : "(no S3 error code)");
        } catch (IOException e) {
            return "connection dropped (" + e + ")";
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
