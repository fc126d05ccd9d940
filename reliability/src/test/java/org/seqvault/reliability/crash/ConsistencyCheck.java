package org.seqvault.reliability.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.Sha256;

/**
 * What the restarted server shows, compared with what the clients were told: every confirmed
 * file is listed where it should be and downloads byte-identical; an outcome a kill hid is one of
 * its possible states (and the ledger learns which); nothing else is visible. And the audit trail
 * agrees with what survived: every listed file has the record of its upload, its newest record
 * names it where it is (a rename or move never committed without its record, nor a record
 * without its change), and none says it was deleted.
 */
final class ConsistencyCheck {
    private static final int DOWNLOADERS = 4;

    private final Http http;
    private final String token;
    private final Project project;

    ConsistencyCheck(Http http, String token, Project project) {
        this.http = http;
        this.token = token;
        this.project = project;
    }

    /** The findings of one check; every list must be empty. */
    record Report(int listed, int downloaded, int adopted, List<String> lost, List<String> misplaced,
                  List<String> corrupt, List<String> unexpected, List<String> unconfirmedVisible,
                  List<String> unaudited) {
        boolean clean() {
            return lost.isEmpty() && misplaced.isEmpty() && corrupt.isEmpty() && unexpected.isEmpty()
                    && unconfirmedVisible.isEmpty() && unaudited.isEmpty();
        }
    }

    Report run(List<WorkerLedger> ledgers) throws Exception {
        Map<String, JsonNode> byId = new HashMap<>();
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode f : listAll()) {
            byId.put(f.get("file_id").asText(), f);
            byKey.put(f.get("key").asText(), f);
        }
        // Read before the downloads below, which add records of their own.
        List<String> unaudited = unaudited(byId.values(), auditedChanges());
        List<String> lost = new ArrayList<>();
        List<String> misplaced = new ArrayList<>();
        List<String> corrupt = Collections.synchronizedList(new ArrayList<>());
        Set<String> accounted = new HashSet<>();
        List<TrackedFile> toDownload = new ArrayList<>();
        int adopted = 0;
        for (WorkerLedger ledger : ledgers) {
            for (TrackedFile t : ledger.files) {
                if (t.deleted) {
                    continue;
                }
                JsonNode seen = byId.get(t.fileId);
                if (seen == null) {
                    if (!t.pendingDelete) {
                        lost.add(t.key + " (" + t.fileId + ")");
                    }
                    t.deleted = true;
                    continue;
                }
                String key = seen.get("key").asText();
                if (!key.equals(t.key) && !key.equals(t.pendingKey)) {
                    misplaced.add(t.fileId + " is at " + key + ", expected " + t.key
                            + (t.pendingKey == null ? "" : " or " + t.pendingKey));
                }
                t.key = key;
                t.pendingKey = null;
                t.pendingDelete = false;
                checkListed(seen, t.sha256, t.size, corrupt);
                accounted.add(t.fileId);
                toDownload.add(t);
            }
            for (AmbiguousUpload u : ledger.ambiguousUploads) {
                JsonNode seen = byKey.get(u.key());
                if (seen != null && !accounted.contains(seen.get("file_id").asText())) {
                    TrackedFile t = new TrackedFile(seen.get("file_id").asText(), u.sha256(), u.size(), u.key());
                    checkListed(seen, u.sha256(), u.size(), corrupt);
                    ledger.files.add(t);
                    accounted.add(t.fileId);
                    toDownload.add(t);
                    adopted++;
                }
            }
            ledger.ambiguousUploads.clear();
        }
        Set<String> unconfirmed = new HashSet<>();
        ledgers.forEach(l -> unconfirmed.addAll(l.unconfirmedKeys));
        List<String> unexpected = new ArrayList<>();
        List<String> unconfirmedVisible = new ArrayList<>();
        for (JsonNode f : byId.values()) {
            if (!accounted.contains(f.get("file_id").asText())) {
                String key = f.get("key").asText();
                (unconfirmed.contains(key) ? unconfirmedVisible : unexpected).add(key);
            }
        }
        downloadAll(toDownload, corrupt);
        return new Report(byId.size(), toDownload.size(), adopted, lost, misplaced, List.copyOf(corrupt), unexpected,
                unconfirmedVisible, unaudited);
    }

    /** What the audit trail gets wrong about the listed files; see the class comment. */
    private static List<String> unaudited(Iterable<JsonNode> listed, Map<String, List<JsonNode>> recordsByFile) {
        List<String> wrong = new ArrayList<>();
        for (JsonNode f : listed) {
            String id = f.get("file_id").asText();
            String key = f.get("key").asText();
            List<JsonNode> records = recordsByFile.getOrDefault(id, List.of());
            if (records.stream().noneMatch(r -> r.get("action").asText().equals("file.upload"))) {
                wrong.add(key + " (" + id + ") has no record of its upload");
            }
            if (!records.isEmpty() && !records.get(0).get("target").asText().equals(key)) {
                wrong.add(key + " (" + id + ") is named " + records.get(0).get("target").asText() + " by its newest record, "
                        + records.get(0).get("action").asText());
            }
            if (records.stream().anyMatch(r -> r.get("action").asText().equals("file.delete"))) {
                wrong.add(key + " (" + id + ") is listed, but a record says it was deleted");
            }
        }
        return wrong;
    }

    /** The project's "ok" file records, newest first, by file id (the project's admin reads them). */
    private Map<String, List<JsonNode>> auditedChanges() throws IOException {
        Map<String, List<JsonNode>> byFile = new HashMap<>();
        String cursor = null;
        do {
            String path = "/v2/projects/" + project.projectId() + "/audit?action=file.*&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            Http.Answer page = http.get(path, token);
            if (page.status() != 200) {
                throw new AssertionError("audit listing answered " + page.status() + ": " + page.text());
            }
            for (JsonNode r : page.json().get("records")) {
                if (r.get("outcome").asText().equals("ok") && r.hasNonNull("target_id")) {
                    byFile.computeIfAbsent(r.get("target_id").asText(), k -> new ArrayList<>()).add(r);
                }
            }
            JsonNode next = page.json().get("next_cursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return byFile;
    }

    private static void checkListed(JsonNode seen, String sha256, long size, List<String> corrupt) {
        if (!seen.get("sha256").asText().equals(sha256) || seen.get("size").asLong() != size) {
            corrupt.add(seen.get("key").asText() + " is listed with sha256 " + seen.get("sha256").asText() + " and "
                    + seen.get("size").asLong() + " bytes, but " + sha256 + " and " + size + " were uploaded");
        }
    }

    /** The whole workspace, page by page, through the v1 listing. */
    private List<JsonNode> listAll() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/v1/files?workspace_id=" + project.workspaceId() + "&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            Http.Answer page = http.get(path, token);
            if (page.status() != 200) {
                throw new AssertionError("listing answered " + page.status() + ": " + page.text());
            }
            page.json().get("files").forEach(all::add);
            JsonNode next = page.json().get("next_cursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return all;
    }

    private void downloadAll(List<TrackedFile> files, List<String> corrupt) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(DOWNLOADERS)) {
            List<Future<?>> done = new ArrayList<>();
            for (TrackedFile t : files) {
                done.add(pool.submit(() -> {
                    byte[] bytes = download(t.key);
                    if (!Sha256.of(bytes).equals(t.sha256)) {
                        corrupt.add(t.key + " downloads as " + bytes.length + " bytes with sha256 " + Sha256.of(bytes)
                                + ", but " + t.size + " bytes with " + t.sha256 + " were uploaded");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private byte[] download(String key) throws IOException {
        Http.Answer link = http.get("/v1/files/download?workspace_id=" + project.workspaceId() + "&key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8), token);
        if (link.status() != 200) {
            throw new AssertionError("download link for " + key + " answered " + link.status() + ": " + link.text());
        }
        Http.Answer bytes = http.send(http.request(link.json().get("url").asText()).GET().build());
        if (bytes.status() != 200) {
            throw new AssertionError("download of " + key + " answered " + bytes.status() + ": " + bytes.text());
        }
        return bytes.bytes();
    }
}
