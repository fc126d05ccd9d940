package org.seqvault.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.api.ApiServices;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.Params;
import org.seqvault.api.http.Times;
import org.seqvault.domain.FileKey;
import org.seqvault.domain.FolderPath;
import org.seqvault.domain.NodeName;
import org.seqvault.domain.Node;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.file.DownloadLink;
import org.seqvault.service.file.KeyListing;
import org.seqvault.service.port.BlobStore.Presigned;
import org.seqvault.service.upload.Claims;
import org.seqvault.service.upload.UploadService.Target;
import org.seqvault.service.upload.UploadTicket;

/** The workspace files API, /v1/files (see shared/spec/v1-workspace-files.md). */
public final class V1FileRoutes {
    private final ApiServices s;
    private final Auth auth;

    public V1FileRoutes(ApiServices services, Auth auth) {
        this.s = services;
        this.auth = auth;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/files", this::list)
                .post("/v1/files/upload", this::upload)
                .get("/v1/files/download", this::download)
                .delete("/v1/files", this::delete)
                .post("/v1/files/upload-url", this::uploadUrl)
                .post("/v1/files/upload-confirm", this::uploadConfirm);
    }

    private void list(Context ctx) {
        Principal p = auth.principal(ctx);
        String workspace = Params.required(ctx, "workspace_id");
        int limit = Params.integer(ctx, "limit", 100, 1, 1000);
        KeyListing page = s.files().list(p, workspace, ctx.queryParam("prefix"), limit, ctx.queryParam("cursor"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", page.files().stream().map(V1Views::file).toList());
        body.put("next_cursor", page.nextCursor());
        ctx.json(body);
    }

    private void upload(Context ctx) {
        Principal p = auth.principal(ctx);
        // Before the body is read: a token that may not upload must not cost a staged copy of the file
        // (the form's reader checks the workspace before it stores a byte).
        s.uploads().requireUploadScope(p);
        FormUpload.Parsed form = FormUpload.read(ctx, p, s.uploads());
        try {
            if (form.staged() == null) {
                throw UserException.invalid("form field 'file' is required");
            }
            String workspace = form.fields().get("workspace_id");
            if (workspace == null || workspace.isEmpty()) {
                throw UserException.invalid("form field 'workspace_id' is required");
            }
            if (form.fileName() == null || form.fileName().isEmpty()) {
                throw UserException.invalid("the 'file' field needs a filename");
            }
            FileKey key = FileKey.of(FolderPath.parse(form.fields().get("path")), keyName(form.fileName()));
            boolean overwrite = Params.bool(form.fields().get("overwrite"), "overwrite", false);
            Node file = s.uploads().publishStaged(p, new Target.KeyInWorkspace(workspace, key), overwrite,
                    form.contentType(), emptyToNull(form.fields().get("description")), form.staged());
            ctx.status(201).json(V1Views.file(file));
        } catch (RuntimeException e) {
            if (form.staged() != null) {
                s.uploads().discard(form.staged());
            }
            throw e;
        }
    }

    private void download(Context ctx) {
        Principal p = auth.principal(ctx);
        String workspace = Params.required(ctx, "workspace_id");
        FileKey key = FileKey.parse(Params.required(ctx, "key"));
        DownloadLink link = s.files().downloadByKey(p, workspace, key);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", link.url());
        body.put("expires_at", Times.format(link.expires()));
        body.put("size", link.file().size());
        body.put("md5", link.file().checksums().md5());
        body.put("sha256", link.file().checksums().sha256());
        ctx.json(body);
    }

    private void delete(Context ctx) {
        Principal p = auth.principal(ctx);
        String workspace = Params.required(ctx, "workspace_id");
        FileKey key = FileKey.parse(Params.required(ctx, "key"));
        s.files().deleteByKey(p, workspace, key);
        ctx.status(204);
    }

    record UploadUrlRequest(String filename, @JsonProperty("workspace_id") String workspaceId, Long size,
                            @JsonProperty("content_type") String contentType, String path, Object overwrite) {
    }

    private void uploadUrl(Context ctx) {
        Principal p = auth.principal(ctx);
        UploadUrlRequest req = Json.body(ctx, UploadUrlRequest.class);
        require(req.filename(), "filename");
        require(req.workspaceId(), "workspace_id");
        if (req.size() == null) {
            throw UserException.invalid("'size' is required");
        }
        FileKey key = FileKey.of(FolderPath.parse(req.path()), keyName(req.filename()));
        boolean overwrite = Params.bool(req.overwrite() == null ? null : String.valueOf(req.overwrite()), "overwrite", false);
        UploadTicket ticket = s.uploads().open(p, new Target.KeyInWorkspace(req.workspaceId(), key), req.size(), null,
                overwrite, req.contentType(), null, null);
        UploadSession session = ticket.session();
        Map<String, Object> body = new LinkedHashMap<>();
        List<Presigned> urls = ticket.partUrls();
        if (urls.size() == 1) {
            body.put("uploadUrl", urls.get(0).url());
        }
        body.put("fileKey", fileKey(session, key));
        body.put("uploadId", session.id());
        body.put("expiresAt", Times.format(urls.get(0).expires()));
        body.put("method", "PUT");
        body.put("headers", Map.of("Content-Type", session.contentType()));
        if (urls.size() > 1) {
            body.put("partSize", session.partSize());
            List<Map<String, Object>> parts = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("partNumber", i + 1);
                part.put("uploadUrl", urls.get(i).url());
                parts.add(part);
            }
            body.put("parts", parts);
        }
        ctx.status(201).json(body);
    }

    record PartClaim(Integer partNumber, String etag) {
    }

    record ConfirmRequest(@JsonProperty("file_key") String fileKey, @JsonProperty("workspace_id") String workspaceId,
                          String filename, Long size, List<PartClaim> parts, String md5, String sha256) {
    }

    private void uploadConfirm(Context ctx) {
        Principal p = auth.principal(ctx);
        ConfirmRequest req = Json.body(ctx, ConfirmRequest.class);
        require(req.fileKey(), "file_key");
        require(req.workspaceId(), "workspace_id");
        require(req.filename(), "filename");
        if (req.size() == null) {
            throw UserException.invalid("'size' is required");
        }
        String uploadId = uploadIdOf(req.fileKey());
        String name = keyName(req.filename()).value();
        Map<Integer, String> etags = new HashMap<>();
        if (req.parts() != null) {
            for (PartClaim part : req.parts()) {
                if (part == null || part.partNumber() == null || part.etag() == null) {
                    throw UserException.invalid("each entry of 'parts' needs partNumber and etag");
                }
                etags.put(part.partNumber(), part.etag());
            }
        }
        Claims claims = new Claims(req.size(),
                etags,
                org.seqvault.domain.Checksums.clientHex(req.md5(), 32, "md5"),
                org.seqvault.domain.Checksums.clientHex(req.sha256(), 64, "sha256"));
        Node file = s.uploads().complete(p, uploadId, claims, session -> {
            // The key names an upload of this workspace and file; anything else is someone else's key.
            if (!session.projectId().equals(req.workspaceId()) || !session.name().equals(name)
                    || !req.fileKey().equals(fileKey(session, null))) {
                throw new UserException(Problem.UPLOAD_NOT_FOUND, "no upload with file_key '" + req.fileKey()
                        + "' for this workspace and filename");
            }
        });
        ctx.status(201).json(V1Views.file(file));
    }

    /**
     * The fileKey handed out by upload-url: the upload id, then the key it will publish, so a
     * confirm finds its upload without a lookup by name.
     */
    private static String fileKey(UploadSession session, FileKey key) {
        String k = key != null ? key.value() : (session.folderPath() == null ? "" : session.folderPath()) + session.name();
        return session.id() + "/" + k;
    }

    private static String uploadIdOf(String fileKey) {
        int slash = fileKey.indexOf('/');
        if (slash <= 0) {
            throw new UserException(Problem.UPLOAD_NOT_FOUND, "file_key '" + fileKey + "' is not one upload-url returned");
        }
        return fileKey.substring(0, slash);
    }

    private static NodeName keyName(String fileName) {
        try {
            return new NodeName(fileName);
        } catch (UserException e) {
            throw new UserException(Problem.INVALID_KEY, "filename: " + e.getMessage());
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw UserException.invalid("'" + name + "' is required");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
