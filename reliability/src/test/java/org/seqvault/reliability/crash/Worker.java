package org.seqvault.reliability.crash;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.Sha256;

/**
 * One client hammering the server until it is told to stop or the server dies: uploads through
 * every path, renames, moves and deletes of its own files (so workers never race each other and
 * every refusal is a finding). Each outcome goes into its ledger; an outcome a kill hid is
 * recorded as possible, for the check after the restart to settle.
 */
final class Worker implements Runnable {
    /**
     * Uploads above this many bytes take the v1 presigned path in several parts (the server runs
     * with it as single-PUT limit), unless the store demands larger parts (S3: 5 MiB).
     */
    private static final int SINGLE_PUT_LIMIT = 64 * 1024;
    private static final int MULTIPART_PART_SIZE = 48 * 1024;

    /** The single-PUT limit the server must run with for a store whose parts (but the last) are at least {@code smallestPart}. */
    static int singlePutLimit(long smallestPart) {
        return (int) Math.max(SINGLE_PUT_LIMIT, smallestPart);
    }

    /** The largest upload: several parts. */
    static int maxSize(long smallestPart) {
        return singlePutLimit(smallestPart) * 5 / 2;
    }

    private final Http http;
    private final String token;
    private final Project project;
    private final WorkerLedger ledger;
    private final SplittableRandom random;
    private final AtomicBoolean stop;
    private final UploadFlows uploads;
    private final int maxSize;
    private final long multipartPartSize;
    /** Confirmed uploads and changes of every worker in this cycle. */
    private final AtomicInteger progress;

    Worker(Http http, String token, Project project, WorkerLedger ledger, long seed, AtomicBoolean stop,
           long smallestPart, AtomicInteger progress) {
        this.http = http;
        this.token = token;
        this.project = project;
        this.ledger = ledger;
        this.random = new SplittableRandom(seed);
        this.stop = stop;
        this.uploads = new UploadFlows(http, token, project);
        this.maxSize = maxSize(smallestPart);
        this.multipartPartSize = Math.max(MULTIPART_PART_SIZE, smallestPart);
        this.progress = progress;
    }

    @Override
    public void run() {
        try {
            while (!stop.get()) {
                step();
            }
        } catch (ServerGone gone) {
            // The server was killed: the ledger already says what may have happened.
        } catch (RuntimeException e) {
            ledger.anomalies.add("worker " + ledger.worker + " failed: " + e);
        }
    }

    private void step() throws ServerGone {
        int dice = random.nextInt(100);
        List<TrackedFile> settled = ledger.settledFiles();
        if (dice < 20 || settled.size() < 3) {
            upload(Path.FORM);
        } else if (dice < 40) {
            upload(Path.PRESIGNED);
        } else if (dice < 60) {
            upload(Path.MULTIPART);
        } else if (dice < 65) {
            upload(Path.ABANDONED);
        } else if (dice < 77) {
            rename(pick(settled));
        } else if (dice < 89) {
            move(pick(settled));
        } else {
            delete(pick(settled));
        }
    }

    private enum Path { FORM, PRESIGNED, MULTIPART, ABANDONED }

    private void upload(Path path) throws ServerGone {
        String folder = pick(project.folderPaths());
        String name = "w" + ledger.worker + "-" + (++ledger.sequence) + ".bin";
        String key = folder + name;
        byte[] bytes = bytes();
        String sha = Sha256.of(bytes);
        try {
            String fileId = switch (path) {
                case FORM -> uploads.form(folder, name, bytes);
                case PRESIGNED -> uploads.presigned(folder, name, bytes, random.nextBoolean(), true);
                case MULTIPART -> uploads.multipart(folder, name, bytes, multipartPartSize);
                case ABANDONED -> uploads.presigned(folder, name, bytes, false, false);
            };
            if (fileId == null) {
                ledger.unconfirmedKeys.add(key);
            } else {
                ledger.files.add(new TrackedFile(fileId, sha, bytes.length, key));
                ledger.uploadsConfirmed++;
                progress.incrementAndGet();
            }
        } catch (ServerGone gone) {
            if (gone.ambiguous) {
                ledger.uploadsCut++;
            }
            if (gone.ambiguous && path != Path.ABANDONED) {
                ledger.ambiguousUploads.add(new AmbiguousUpload(key, sha, bytes.length, path.name()));
            } else {
                ledger.unconfirmedKeys.add(key);
            }
            throw gone;
        } catch (UploadFlows.Refused refused) {
            ledger.unconfirmedKeys.add(key);
            ledger.anomalies.add(path + " upload of " + key + ": " + refused.getMessage());
        }
    }

    private void rename(TrackedFile file) throws ServerGone {
        String folder = folderOf(file.key);
        String newName = "w" + ledger.worker + "-" + (++ledger.sequence) + "-renamed.bin";
        change(file, folder + newName, false, () -> http.call("PATCH", "/v2/files/" + file.fileId, token,
                Map.of("name", newName)), 200);
        ledger.renames++;
    }

    private void move(TrackedFile file) throws ServerGone {
        String from = folderOf(file.key);
        List<String> others = project.folderPaths().stream().filter(f -> !f.equals(from)).toList();
        String to = pick(others);
        change(file, to + file.key.substring(from.length()), false, () -> http.call("POST",
                "/v2/files/" + file.fileId + "/actions/move", token, Map.of("parent", project.folderIds().get(to))), 200);
        ledger.moves++;
    }

    private void delete(TrackedFile file) throws ServerGone {
        Calls.Request request = random.nextBoolean()
                ? () -> http.call("DELETE", "/v1/files?workspace_id=" + project.workspaceId() + "&key="
                + URLEncoder.encode(file.key, StandardCharsets.UTF_8), token, null)
                : () -> http.call("DELETE", "/v2/files/" + file.fileId, token, null);
        change(file, null, true, request, 204);
        ledger.deletes++;
    }

    /** Sends a rename, move or delete and records its outcome, or both possible outcomes when a kill hides it. */
    private void change(TrackedFile file, String newKey, boolean delete, Calls.Request request, int expected)
            throws ServerGone {
        Http.Answer answer;
        try {
            answer = Calls.decisive(request);
        } catch (ServerGone gone) {
            if (gone.ambiguous) {
                file.pendingKey = newKey;
                file.pendingDelete = delete;
            }
            throw gone;
        }
        if (answer.status() != expected) {
            ledger.anomalies.add((delete ? "delete" : "rename/move") + " of " + file.key + " answered "
                    + answer.status() + ": " + answer.text());
            return;
        }
        if (delete) {
            file.deleted = true;
        } else {
            file.key = newKey;
        }
        progress.incrementAndGet();
    }

    private byte[] bytes() {
        int size = random.nextInt(10) == 0 ? 0 : random.nextInt(maxSize + 1);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    static String folderOf(String key) {
        return key.substring(0, key.lastIndexOf('/') + 1);
    }
}
