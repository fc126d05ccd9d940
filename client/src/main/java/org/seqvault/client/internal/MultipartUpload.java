package org.seqvault.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.seqvault.client.BadRequestException;
import org.seqvault.client.IntegrityException;
import org.seqvault.client.NotFoundException;
import org.seqvault.client.ProgressListener;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.UploadOptions;

/**
 * One file up through the v2 multipart protocol: open a session (or find the interrupted one),
 * then for each missing part ask for its presigned URL, PUT the bytes without a token, report
 * the ETag; parts run in parallel and retry on their own; finally complete and label the file.
 * A file no larger than one part is a single PUT, so every size takes the same path.
 */
public final class MultipartUpload {
    private static final String UPLOADS = "/v2/upload/multipart";

    private final Api api;
    private final Blobs blobs;

    public MultipartUpload(Api api, Blobs blobs) {
        this.api = api;
        this.blobs = blobs;
    }

    /** Uploads {@code source} into folder {@code parentId}; returns the new file. */
    public RemoteFile run(Path source, String parentId, UploadOptions options) {
        String name = options.name() != null ? options.name() : source.getFileName().toString();
        UploadStateFile stateFile = UploadStateFile.beside(source);
        UploadStateFile.State target = describe(source, parentId, name);
        ProgressListener listener = options.listener();

        long partSize = PartPlan.partSize(target.size(), options.partSize());
        boolean severalParts = PartPlan.count(target.size(), partSize) > 1;
        Session session = options.resume() ? earlierSession(stateFile, target, severalParts) : null;
        if (session == null) {
            session = open(target, partSize, options.overwrite());
        }
        RemoteFile file;
        if (session.finishing()) {
            listener.started(name, target.size(), target.size());
            file = complete(session);
        } else {
            stateFile.write(new UploadStateFile.State(target.server(), parentId, name, target.size(), target.mtime(),
                    session.id()));
            sendMissingParts(source, session, name, options.parallelism(), listener);
            file = complete(session);
        }
        stateFile.delete();
        file = label(file, options);
        listener.finished(name);
        return file;
    }

    private UploadStateFile.State describe(Path source, String parentId, String name) {
        try {
            if (!Files.isRegularFile(source)) {
                throw new FileNotFoundException(source + " is not a regular file");
            }
            return new UploadStateFile.State(api.base().toString(), parentId, name, Files.size(source),
                    Files.getLastModifiedTime(source).toMillis(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The session an interrupted run left: from the state file, else (for files of several
     * parts; one part is cheaper to send again than to look for) from the server's open uploads.
     */
    private Session earlierSession(UploadStateFile stateFile, UploadStateFile.State target, boolean search) {
        UploadStateFile.State saved = stateFile.read();
        if (saved != null && saved.uploadId() != null) {
            Session s = sessionOrNull(saved.uploadId());
            if (saved.sameTarget(target) && s != null && (s.open() || s.finishing())) {
                return s;
            }
            if (s != null && s.open()) {
                abortQuietly(s.id()); // the source changed since: its parts are useless
            }
            stateFile.delete();
        }
        return search ? findOpen(target) : null;
    }

    private Session sessionOrNull(String uploadId) {
        try {
            return new Session(api.json(Call.get(UPLOADS + "/" + uploadId)), true);
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** The newest open upload of the same name and size into the same folder, if any. */
    private Session findOpen(UploadStateFile.State target) {
        for (JsonNode item : Pages.offsets(api, offset -> Call.get(UPLOADS).query("offset", offset).query("limit", 100),
                JsonNode.class)) {
            Session s = new Session(item, true);
            if (s.open() && target.parentId().equals(s.parentId()) && target.name().equals(s.name())
                    && target.size() == s.size()) {
                return s;
            }
        }
        return null;
    }

    private Session open(UploadStateFile.State target, long partSize, boolean overwrite) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", target.name());
        body.put("size", target.size());
        body.put("part_size", partSize);
        body.put("parent", target.parentId());
        return new Session(api.json(Call.post(UPLOADS).query("overwrite", overwrite ? "true" : null).body(body)), false);
    }

    private void sendMissingParts(Path source, Session session, String name, int parallelism,
                                  ProgressListener listener) {
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
            Map<Integer, String> stored = new ConcurrentHashMap<>(receivedParts(session, channel));
            long resumed = stored.keySet().stream()
                    .mapToLong(n -> PartPlan.length(n, session.partSize(), session.size())).sum();
            listener.started(name, session.size(), resumed);
            List<ParallelTasks.Task> tasks = new ArrayList<>();
            for (int n = 1; n <= PartPlan.count(session.size(), session.partSize()); n++) {
                if (!stored.containsKey(n)) {
                    int part = n;
                    tasks.add(() -> stored.put(part, sendPart(session, part, channel, name, listener)));
                }
            }
            ParallelTasks.run("seqvault-upload", parallelism, tasks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parts the server already holds whose bytes are still those of the local file (by MD5). */
    private Map<Integer, String> receivedParts(Session session, FileChannel channel) throws IOException {
        if (!session.resumed()) {
            return Map.of();
        }
        JsonNode status = api.json(Call.get(UPLOADS + "/" + session.id()).query("list_parts", "true"));
        Map<Integer, String> good = new LinkedHashMap<>();
        for (JsonNode p : status.path("parts")) {
            int n = p.path("part_number").asInt();
            long length = PartPlan.length(n, session.partSize(), session.size());
            String etag = Blobs.unquote(p.path("etag").asText(""));
            if (p.path("size").asLong(-1) == length
                    && etag.equalsIgnoreCase(Digests.md5Of(channel, PartPlan.offset(n, session.partSize()), length))) {
                good.put(n, etag);
            }
        }
        return good;
    }

    /** One part, retried as a whole (a fresh URL each time, in case the last one expired). */
    private String sendPart(Session session, int n, FileChannel channel, String name, ProgressListener listener) {
        String what = "part " + n + " of " + name;
        long offset = PartPlan.offset(n, session.partSize());
        long length = PartPlan.length(n, session.partSize(), session.size());
        return api.retrier().run(what, true, attempt -> {
            JsonNode url = api.json(Call.get(UPLOADS + "/" + session.id() + "/part/" + n));
            Map<String, String> headers = new LinkedHashMap<>();
            url.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            String etag = blobs.put(url.path("url").asText(), headers, channel, offset, length, listener::transferred);
            report(session, n, etag);
            return etag;
        }, (attempt, cause, wait) -> listener.retrying(what, attempt, cause));
    }

    private void report(Session session, int n, String etag) {
        Map<String, Object> report = Map.of("part_number", n, "response", Map.of("headers", Map.of("ETag", etag)));
        try {
            api.send(Call.post(UPLOADS + "/" + session.id() + "/part/").body(report).repeatable());
        } catch (BadRequestException e) {
            // The stored part is not the one we sent (a concurrent re-send?): send it again.
            throw new IntegrityException("the server refused part " + n + "'s ETag: " + e.serverMessage());
        }
    }

    private RemoteFile complete(Session session) {
        return api.as(Call.post(UPLOADS + "/" + session.id() + "/complete").repeatable()
                .timeout(api.completionTimeout(session.size())), RemoteFile.class);
    }

    /** Metadata and tags go on after completion: the upload protocol has no place for them. */
    private RemoteFile label(RemoteFile file, UploadOptions options) {
        if (options.metadata().isEmpty() && options.tags().isEmpty()) {
            return file;
        }
        return Labels.merge(api, file.id(), options.metadata(), options.tags().isEmpty() ? null : options.tags());
    }

    private void abortQuietly(String uploadId) {
        try {
            api.send(Call.delete(UPLOADS + "/" + uploadId));
        } catch (RuntimeException e) {
            // it expires on its own
        }
    }

    /**
     * An upload session as the server describes it.
     *
     * @param json    the server's upload object
     * @param resumed true when an earlier run started it (so some parts may be there already)
     */
    private record Session(JsonNode json, boolean resumed) {
        String id() {
            return json.path("upload_id").asText();
        }

        long partSize() {
            return json.path("part_size").asLong();
        }

        long size() {
            return json.path("size").asLong();
        }

        String parentId() {
            return json.path("parent").asText(null);
        }

        String name() {
            return json.path("name").asText(null);
        }

        boolean open() {
            return "OPEN".equals(json.path("status").asText());
        }

        /** Completed, or cut off while completing: completing (again) returns the file. */
        boolean finishing() {
            String s = json.path("status").asText();
            return "DONE".equals(s) || "COMPLETING".equals(s);
        }
    }
}
