package org.seqvault.client;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.seqvault.client.internal.Api;
import org.seqvault.client.internal.Call;
import org.seqvault.client.internal.Pages;

/**
 * The workspace files API ({@code /v1/files}), one method per call of the seed's client:
 * {@code files.list}, {@code upload}, {@code download}, {@code delete}, {@code upload_large},
 * {@code upload_confirm}; plus {@link #uploadLarge(Path, String, String, UploadOptions)},
 * which does the whole large-file flow in one call. Reach it through {@link SeqVault#files()}.
 */
public final class WorkspaceFiles {
    private final Api api;
    private final Projects projects;
    private final FileTree tree;
    private final Transfers transfers;

    WorkspaceFiles(Api api, Projects projects, FileTree tree, Transfers transfers) {
        this.api = api;
        this.projects = projects;
        this.tree = tree;
        this.transfers = transfers;
    }

    /** @return every file of a workspace, by key, fetched page by page as you iterate
     *
     * @param workspaceId the workspace ({@code ws_…})
     */
    public Listing<V1File> list(String workspaceId) {
        return list(workspaceId, null);
    }

    /**
     * @param workspaceId the workspace ({@code ws_…})
     * @param prefix a plain key prefix such as {@code results/}, or null for all
     * @return the workspace's files whose key starts with {@code prefix}, by key
     */
    public Listing<V1File> list(String workspaceId, String prefix) {
        return list(workspaceId, prefix, 1000);
    }

    /**
     * @param workspaceId the workspace ({@code ws_…})
     * @param prefix   a plain key prefix such as {@code results/}, or null for all
     * @param pageSize files per request, 1 to 1000 (the seed's {@code limit})
     * @return the workspace's files whose key starts with {@code prefix}, by key
     */
    public Listing<V1File> list(String workspaceId, String prefix, int pageSize) {
        return Pages.cursor(api, cursor -> Call.get("/v1/files").query("workspace_id", workspaceId)
                .query("prefix", prefix).query("limit", pageSize).query("cursor", cursor), "files", V1File.class);
    }

    /**
     * Uploads a file as a multipart form (up to the server's form limit, 500 MiB by default).
     *
     * @param file        the local file; its name is the remote name
     * @param workspaceId the workspace
     * @param path        the folder, e.g. {@code raw/} (null or "" for the top)
     * @return the new file
     * @throws ConflictException when the key exists
     */
    public V1File upload(Path file, String workspaceId, String path) {
        return upload(file, workspaceId, path, null, false);
    }

    /**
     * Uploads a file as a multipart form.
     *
     * @param file        the local file; its name is the remote name
     * @param workspaceId the workspace
     * @param path        the folder, e.g. {@code raw/} (null or "" for the top)
     * @param description free text, or null
     * @param overwrite   replace a file at the same key
     * @return the new file
     * @see #upload(Path, String, String)
     */
    public V1File upload(Path file, String workspaceId, String path, String description, boolean overwrite) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("workspace_id", workspaceId);
        fields.put("path", path);
        fields.put("description", description);
        fields.put("overwrite", Boolean.toString(overwrite));
        String boundary = "seqvault-" + UUID.randomUUID();
        // Replayable: the form reads the file again when it is sent again (after a 429).
        return api.as(Call.post("/v1/files/upload").body(form(boundary, fields, file),
                "multipart/form-data; boundary=" + boundary, true), V1File.class);
    }

    private static BodyPublisher form(String boundary, Map<String, String> fields, Path file) {
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> {
            if (value != null) {
                head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
                        .append("\"\r\n\r\n").append(value).append("\r\n");
            }
        });
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; ")
                .append(fileNameParameters(file.getFileName().toString()))
                .append("\r\nContent-Type: application/octet-stream\r\n\r\n");
        try {
            return BodyPublishers.concat(BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8),
                    BodyPublishers.ofFile(file), BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The part header's file name. {@code filename="…"} as browsers write it (HTML's form
     * encoding, after RFC 7578: {@code "}, CR and LF as {@code %22}, {@code %0D}, {@code %0A}),
     * so no name can end the parameter or the header line. The server's parser
     * (commons-fileupload) does not decode those escapes, but it does decode RFC 5987's
     * {@code filename*=UTF-8''…} and then takes it over {@code filename}: a name the browser form
     * had to change goes in that too, so the server gets it exactly (and refuses a CR or LF in a
     * name as it refuses any control character).
     */
    static String fileNameParameters(String name) {
        String escaped = name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        String plain = "filename=\"" + escaped + "\"";
        return escaped.equals(name) ? plain : plain + "; filename*=UTF-8''" + extValue(name);
    }

    /** RFC 5987 {@code value-chars}: its attr-chars as they are, every other UTF-8 byte as %XX. */
    private static String extValue(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Downloads a file into {@code dest} (created if missing) with parallel ranged GETs,
     * resumable, checked against the server's SHA-256.
     *
     * @param key         the file's key, e.g. {@code raw/sample.vcf}
     * @param workspaceId the workspace
     * @param dest        the directory to save into
     * @return the saved file, {@code dest/<name>}
     */
    public Path download(String key, String workspaceId, Path dest) {
        return download(key, workspaceId, dest, DownloadOptions.defaults());
    }

    /**
     * Downloads a file into {@code dest} with the given options.
     *
     * @param key         the file's key, e.g. {@code raw/sample.vcf}
     * @param workspaceId the workspace
     * @param dest        the directory to save into (created if missing)
     * @param options     parallelism, resume, listener and more
     * @return the saved file, {@code dest/<name>}
     * @see #download(String, String, Path)
     */
    public Path download(String key, String workspaceId, Path dest, DownloadOptions options) {
        return transfers.download(workspaceId, key, dest, options);
    }

    /**
     * @return a presigned URL for the file's bytes, with its size and checksums
     *
     * @param key the file's key, e.g. {@code raw/sample.vcf}
     * @param workspaceId the workspace ({@code ws_…})
     */
    public DownloadLink downloadLink(String key, String workspaceId) {
        return transfers.link(workspaceId, key);
    }

    /**
     * Deletes a file.
     *
     * @param key the file's key, e.g. {@code raw/sample.vcf}
     * @param workspaceId the workspace ({@code ws_…})
     * @throws NotFoundException when there is no file at the key
     */
    public void delete(String key, String workspaceId) {
        api.send(Call.delete("/v1/files").query("workspace_id", workspaceId).query("key", key));
    }

    /**
     * Step 1 of the seed's large-file flow: presigned URL(s) to PUT the bytes to.
     *
     * @param filename    the remote name
     * @param workspaceId the workspace
     * @param contentType the media type, or null to guess from the name
     * @param size        the exact size in bytes
     * @param path        the folder, e.g. {@code bam/}
     * @return where to PUT; then call {@link #uploadConfirm(String, String, String, long)}
     */
    public UploadTicket uploadLarge(String filename, String workspaceId, String contentType, long size, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filename", filename);
        body.put("workspace_id", workspaceId);
        body.put("size", size);
        body.put("content_type", contentType);
        body.put("path", path);
        return api.as(Call.post("/v1/files/upload-url").body(body), UploadTicket.class);
    }

    /**
     * Step 3 of the seed's large-file flow: publish the uploaded bytes.
     *
     * @param workspaceId the workspace ({@code ws_…})
     * @param filename the remote name
     * @param size the exact size in bytes
     * @param fileKey the ticket's {@link UploadTicket#fileKey()}
     * @return the new file
     * @throws UnprocessableException when the bytes are not {@code size} long
     */
    public V1File uploadConfirm(String fileKey, String workspaceId, String filename, long size) {
        return uploadConfirm(fileKey, workspaceId, filename, size, null, null);
    }

    /**
     * Step 3 for a multi-part ticket, optionally checking the whole file's SHA-256.
     *
     * @param fileKey the ticket's {@link UploadTicket#fileKey()}
     * @param workspaceId the workspace ({@code ws_…})
     * @param filename the remote name
     * @param size        the exact size in bytes
     * @param parts       each part's number and ETag, or null for a single PUT
     * @param sha256      the hex SHA-256 the bytes must have, or null
     * @return the new file
     * @see #uploadConfirm(String, String, String, long)
     */
    public V1File uploadConfirm(String fileKey, String workspaceId, String filename, long size,
                                List<UploadTicket.PartEtag> parts, String sha256) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file_key", fileKey);
        body.put("workspace_id", workspaceId);
        body.put("filename", filename);
        body.put("size", size);
        if (parts != null) {
            body.put("parts", parts);
        }
        if (sha256 != null) {
            body.put("sha256", sha256);
        }
        // Confirming twice returns the same file, so a lost answer may be asked for again.
        return api.as(Call.post("/v1/files/upload-confirm").body(body).repeatable().timeout(api.completionTimeout(size)),
                V1File.class);
    }

    /**
     * The whole large-file flow in one call: parallel parts, per-part retries, resume after a
     * crash, progress through the options' listener (see {@link Transfers}).
     *
     * @param options parallelism, resume, listener and more
     * @param file        the local file
     * @param workspaceId the workspace
     * @param path        the folder, e.g. {@code bam/} (created if missing)
     * @return the new file
     */
    public V1File uploadLarge(Path file, String workspaceId, String path, UploadOptions options) {
        Project project = projects.byWorkspace(workspaceId);
        String folder = path == null ? "" : path.replaceAll("^/+|/+$", "");
        RemotePath target = RemotePath.parse(project.id() + (folder.isEmpty() ? "" : "/" + folder));
        RemoteFile uploaded = transfers.upload(file, tree.mkdirs(target).id(), options);
        String key = target.child(uploaded.name()).key();
        for (V1File f : list(workspaceId, key)) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        throw new NotFoundException(404, "not_found", "the uploaded file " + key + " vanished before it could be listed",
                null);
    }
}
