package org.seqvault.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.support.Cli;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.Results;
import org.seqvault.reliability.support.ServerProcess;

/**
 * A disk that really fills up: the real server process keeps its blobs on a 24 MiB tmpfs the
 * test mounts (as root; elsewhere the test is skipped and {@link InjectedFaultsTest} covers the
 * same ground). Uploads through every path that do not fit answer 507; nothing is published;
 * the failed writes' space is free again at once, the space an abandoned upload still holds once
 * it expires and the collector runs; and the server goes on serving.
 */
class DiskFullTest {
    private static final int FILESYSTEM_MIB = 24;
    private static final int MIB = 1 << 20;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#withLocalBytes")
    void uploadsThatDoNotFitAnswer507AndTheSpaceComesBack(Backend backend, @TempDir Path tmp) throws Exception {
        StringBuilder whyNot = new StringBuilder();
        Optional<SmallFilesystem> mounted = SmallFilesystem.mount(tmp.resolve("small"), FILESYSTEM_MIB, whyNot);
        assumeTrue(mounted.isPresent(), "no real small filesystem here (" + whyNot + "); InjectedFaultsTest covers it");
        try (SmallFilesystem disk = mounted.get()) {
            Map<String, String> env = new HashMap<>(backend.freshStore(Files.createDirectories(tmp.resolve("data"))));
            env.put("SEQVAULT_BLOB_STORE", "file:" + disk.root());
            long empty;
            int refused = 0;
            long afterFailures;
            long afterCollect;
            try (ServerProcess server = ServerProcess.start(env, "--rate-limit", "0", "--max-form-upload", "64MiB",
                    "--single-put-limit", "16MiB", "--upload-ttl", "3s")) {
                Uploads up = new Uploads(new Http(server.url()));
                byte[] small = "still here".getBytes();
                assertThat(up.form("before.txt", small).status()).isEqualTo(201);
                empty = disk.used();

                refused += InjectedFaultsTest.assertV1(up.form("form.bin", new byte[40 * MIB]), 507,
                        "insufficient_storage");
                JsonNode ticket = up.uploadUrl("presigned.bin", 40L * MIB);
                List<String> parts = ticket.get("parts").findValuesAsText("uploadUrl");
                assertThat(up.http.put(parts.get(0), new byte[16 * MIB]).status()).as("the first part fits").isEqualTo(200);
                refused += InjectedFaultsTest.assertV1(up.http.put(parts.get(1), new byte[16 * MIB]), 507,
                        "insufficient_storage");
                // The server cuts the 30 MiB into parts of at most the single-PUT limit, and a part holds
                // at most its planned length: part 1 is 16 MiB, which no longer fits either.
                String upload = up.multipart("multipart.bin", 30L * MIB, 30L * MIB);
                refused += InjectedFaultsTest.assertV1(up.http.put(up.partUrl(upload, 1), new byte[16 * MIB]), 507,
                        "insufficient_storage");
                afterFailures = disk.used();

                assertThat(up.keys()).as("published").containsExactly("before.txt");
                assertThat(up.download("before.txt").bytes()).isEqualTo(small);
                assertThat(up.form("after.txt", small).status()).as("serving after the disk filled").isEqualTo(201);

                Thread.sleep(3_500); // the abandoned uploads expire
                Cli.Result collected = Cli.run(server.env(), "collect");
                assertThat(collected.exitCode()).as(collected.output()).isZero();
                afterCollect = disk.used();
                assertThat(up.keys()).containsExactlyInAnyOrder("before.txt", "after.txt");
            }
            new Results("disk-full-tmpfs")
                    .put("filesystem", "tmpfs " + FILESYSTEM_MIB + " MiB, mounted by the test")
                    .put("upload_paths_refused_with_507", refused)
                    .put("used_before_kib", empty / 1024)
                    .put("used_after_the_failures_kib", afterFailures / 1024 + " (the abandoned upload's 16 MiB first part)")
                    .put("used_after_expiry_and_collect_kib", afterCollect / 1024)
                    .write();
            assertThat(afterFailures - empty).as("only the part that fitted still takes space")
                    .isLessThanOrEqualTo(16L * MIB + 64 * 1024);
            assertThat(afterCollect - empty).as("space after the collector").isLessThan(64 * 1024);
        }
    }
}
