package org.seqvault.reliability.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Cli;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.Results;
import org.seqvault.reliability.support.ScrubOutput;
import org.seqvault.reliability.support.ServerProcess;

/**
 * Crash consistency. Concurrent clients upload through every path (v1 form, v1 presigned PUT +
 * confirm, Seven Bridges multipart) and rename, move and delete their files, while the real
 * server process is killed with SIGKILL at a random moment; then it is started again and checked:
 * every confirmed file is listed and downloads byte-identical (SHA-256), nothing unconfirmed is
 * visible, every file row has its bytes (scrub), the audit trail agrees with every listed file, and
 * after the uploads expire and a collector pass, nothing unreferenced remains. {@code -Dreliability.killCycles} sets the number of kills
 * (3 in the test command, 20 with -Preliability-long); {@code -Dreliability.scrubEachCycle=true} scrubs
 * beside the server after every restart rather than after the last one only.
 */
class CrashConsistencyTest {
    private static final int WORKERS = 8;
    /**
     * Short, so that uploads a kill left open expire before the final collector pass; long enough
     * that an upload of several parts finishes within it on a loaded machine (10 s was not).
     */
    private static final long UPLOAD_TTL_SECONDS = 30;
    private static final int MIN_KILL_DELAY_MILLIS = 300;
    private static final int MAX_KILL_DELAY_MILLIS = 2500;
    /** Confirmed uploads and changes a cycle must see before its kill is timed, so no cycle is empty. */
    private static final int MIN_PROGRESS_PER_CYCLE = 4;
    private static final long MAX_WAIT_FOR_PROGRESS_MILLIS = 120_000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#selected")
    void confirmedFilesSurviveSigkill(Backend backend, @TempDir Path tmp) throws Exception {
        int cycles = Integer.getInteger("reliability.killCycles", 3);
        boolean scrubEachCycle = Boolean.getBoolean("reliability.scrubEachCycle");
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        Path data = Files.createDirectories(tmp.resolve("data"));
        long smallestPart = backend.smallestPart();
        ServerProcess server = ServerProcess.start(backend.freshStore(data), "--rate-limit", "0",
                "--upload-ttl", UPLOAD_TTL_SECONDS + "s", "--single-put-limit", Worker.singlePutLimit(smallestPart) + "",
                "--max-form-upload", Worker.maxSize(smallestPart) + "", "--idle-timeout", "10s");
        try {
            Http http = new Http(server.url());
            Accounts accounts = new Accounts(http, ServerProcess.ADMIN_TOKEN);
            String token = accounts.userWithToken("crasher", "files", "projects");
            Project project = project(http, accounts, token);
            List<WorkerLedger> ledgers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                ledgers.add(new WorkerLedger(w));
            }
            Totals totals = new Totals();
            long lastKill = 0;
            for (int cycle = 1; cycle <= cycles; cycle++) {
                runUntilKilled(server, http, token, project, ledgers, random, smallestPart);
                lastKill = System.nanoTime();
                server.restart();
                http = new Http(server.url());
                ConsistencyCheck.Report report = new ConsistencyCheck(http, token, project).run(ledgers);
                totals.add(report);
                // Scrub beside the running server: every file row must still have intact bytes.
                if (scrubEachCycle || cycle == cycles) {
                    totals.add(ScrubOutput.parse(Cli.run(server.env(), "scrub")));
                }
                System.out.printf("cycle %d: %d listed, %d downloaded, %d adopted; lost %s, misplaced %s, corrupt %s,"
                                + " unexpected %s, unconfirmed visible %s, audit trail wrong %s%n", cycle, report.listed(),
                        report.downloaded(), report.adopted(), report.lost(), report.misplaced(), report.corrupt(),
                        report.unexpected(), report.unconfirmedVisible(), report.unaudited());
            }
            // Let every upload a kill left open expire (none opened since the last kill), then one
            // collector pass must leave nothing unreferenced.
            assertThat(server.stop()).as("clean exit on SIGTERM").isIn(0, 143);
            long expiredAt = lastKill + (UPLOAD_TTL_SECONDS + 1) * 1_000_000_000L;
            Thread.sleep(Math.max(0, (expiredAt - System.nanoTime()) / 1_000_000));
            Cli.Result collected = Cli.run(server.env(), "collect");
            assertThat(collected.exitCode()).as(collected.output()).isZero();
            ScrubOutput after = ScrubOutput.parse(Cli.run(server.env(), "scrub"));
            int uploadsCut = ledgers.stream().mapToInt(l -> l.uploadsCut).sum();

            new Results("crash-" + backend.name())
                    .put("seed", seed)
                    .put("kill_cycles_survived", cycles)
                    .put("concurrent_clients", WORKERS)
                    .put("uploads_confirmed", ledgers.stream().mapToInt(l -> l.uploadsConfirmed).sum())
                    .put("outcomes_hidden_by_a_kill_and_found_published", totals.adopted)
                    .put("renames", ledgers.stream().mapToInt(l -> l.renames).sum())
                    .put("moves", ledgers.stream().mapToInt(l -> l.moves).sum())
                    .put("deletes", ledgers.stream().mapToInt(l -> l.deletes).sum())
                    .put("unconfirmed_uploads", ledgers.stream().mapToInt(l -> l.unconfirmedKeys.size()).sum())
                    .put("files_checked", totals.downloaded)
                    .put("files_at_end", ledgers.stream().mapToLong(l -> l.files.stream().filter(f -> !f.deleted).count()).sum())
                    .put("lost", totals.lost.size())
                    .put("corrupt", totals.corrupt.size() + totals.scrubCorrupt)
                    .put("misplaced", totals.misplaced.size())
                    .put("unconfirmed_or_unknown_visible", totals.visible.size())
                    .put("files_the_audit_trail_gets_wrong", totals.unaudited.size())
                    .put("scrub_passes_beside_the_server", totals.scrubs)
                    .put("rows_without_bytes", totals.scrubMissing)
                    .put("after_collect_orphan_blobs", after.orphanBlobs())
                    .put("after_collect_unreferenced_blobs", after.unreferencedBlobs())
                    .put("after_collect_stale_staging", after.staleStagings())
                    .put("after_collect_recent_staging", after.recentStagings() + " (uploads cut by a kill: "
                            + uploadsCut + ")")
                    .write();

            List<String> anomalies = ledgers.stream().flatMap(l -> l.anomalies.stream()).toList();
            assertThat(anomalies).as("refusals and errors from the live server").isEmpty();
            assertThat(totals.lost).as("confirmed files missing after a restart").isEmpty();
            assertThat(totals.corrupt).as("files whose bytes or checksums changed").isEmpty();
            assertThat(totals.misplaced).as("files at a key no request put them").isEmpty();
            assertThat(totals.visible).as("files visible that were never confirmed").isEmpty();
            assertThat(totals.unaudited).as("files whose audit records disagree with them").isEmpty();
            assertThat(totals.scrubCorrupt + totals.scrubMissing).as("scrub: file rows without intact bytes").isZero();
            assertThat(after.exitCode()).as(after.text()).isZero();
            assertThat(after.orphanBlobs()).as("blobs no row knows, after collect").isZero();
            assertThat(after.unreferencedBlobs()).as("blobs no file points to, after collect").isZero();
            assertThat(after.staleStagings()).as("staging of no live upload, after collect").isZero();
            // Staging can exist just before its session row does (a form upload's file; on S3 any
            // upload's multipart upload); the collector spares it for an hour, so only uploads a kill
            // cut in the middle may still have some.
            assertThat(after.recentStagings()).as("recent staging of no live upload").isLessThanOrEqualTo(uploadsCut);
        } finally {
            server.close();
        }
    }

    /** Starts the workers, kills the server at a random moment, and waits until every worker has noticed. */
    private static void runUntilKilled(ServerProcess server, Http http, String token, Project project,
                                       List<WorkerLedger> ledgers, SplittableRandom random, long smallestPart)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger progress = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (WorkerLedger ledger : ledgers) {
            Thread t = new Thread(new Worker(http, token, project, ledger, random.nextLong(), stop,
                    smallestPart, progress),
                    "worker-" + ledger.worker);
            t.start();
            threads.add(t);
        }
        // On a slow machine a fixed delay could kill before anything was confirmed, and the cycle
        // would check nothing: wait for some confirmed work, then kill at a random moment.
        long waitUntil = System.nanoTime() + MAX_WAIT_FOR_PROGRESS_MILLIS * 1_000_000;
        while (progress.get() < MIN_PROGRESS_PER_CYCLE && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        assertThat(progress.get()).as("uploads and changes confirmed before the kill").isGreaterThanOrEqualTo(
                MIN_PROGRESS_PER_CYCLE);
        Thread.sleep(random.nextInt(MIN_KILL_DELAY_MILLIS, MAX_KILL_DELAY_MILLIS + 1));
        server.kill();
        stop.set(true);
        for (Thread t : threads) {
            t.join(120_000);
            assertThat(t.isAlive()).as(t.getName() + " stopped after the kill").isFalse();
        }
    }

    /** A workspace with two folders beside its root, made through both APIs. */
    private static Project project(Http http, Accounts accounts, String token) throws Exception {
        JsonNode ws = accounts.workspace(token, "crash test");
        String projectId = ws.get("project").asText();
        Map<String, String> folders = new LinkedHashMap<>();
        folders.put("", Accounts.expect(http.get("/v2/projects/" + projectId, token), 200).get("root_folder").asText());
        for (String name : List.of("alpha", "beta")) {
            JsonNode folder = Accounts.expect(http.call("POST", "/v2/files", token,
                    Map.of("name", name, "type", "folder", "project", projectId)), 200);
            folders.put(name + "/", folder.get("id").asText());
        }
        return new Project(ws.get("workspace_id").asText(), projectId, folders);
    }

    /** Findings summed over every cycle. */
    private static final class Totals {
        final List<String> lost = new ArrayList<>();
        final List<String> corrupt = new ArrayList<>();
        final List<String> misplaced = new ArrayList<>();
        final List<String> visible = new ArrayList<>();
        final List<String> unaudited = new ArrayList<>();
        long downloaded;
        long adopted;
        long scrubCorrupt;
        long scrubMissing;
        int scrubs;

        void add(ScrubOutput scrub) {
            scrubs++;
            scrubCorrupt += scrub.corrupt();
            scrubMissing += scrub.missing() + scrub.unreadable();
        }

        void add(ConsistencyCheck.Report report) {
            lost.addAll(report.lost());
            corrupt.addAll(report.corrupt());
            misplaced.addAll(report.misplaced());
            visible.addAll(report.unexpected());
            visible.addAll(report.unconfirmedVisible());
            unaudited.addAll(report.unaudited());
            downloaded += report.downloaded();
            adopted += report.adopted();
        }
    }
}
