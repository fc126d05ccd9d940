package org.seqvault.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seqvault.client.internal.Api;
import org.seqvault.client.internal.Call;
import org.seqvault.client.internal.Json;
import org.seqvault.client.internal.Labels;
import org.seqvault.client.internal.Pages;

/**
 * Folders and files inside projects, through the v2 API: find them by path or query, create
 * folders, rename, copy, move, delete, and edit metadata and tags. Reach it through
 * {@link SeqVault#tree()}.
 */
public final class FileTree {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final int PAGE = 100;
    private static final int BULK = 100;
    /** The platform's code for "folder not empty". */
    private static final String FOLDER_NOT_EMPTY = "5021";

    private final Api api;
    private final Projects projects;

    FileTree(Api api, Projects projects) {
        this.api = api;
        this.projects = projects;
    }

    // ---- finding -----------------------------------------------------------------------

    /**
     * @param id a file or folder id
     * @return the file or folder
     * @throws NotFoundException when it does not exist or the caller cannot read it
     */
    public RemoteFile get(String id) {
        return api.as(Call.get("/v2/files/" + id), RemoteFile.class);
    }

    /**
     * @param path the remote path, {@code owner/slug[/…]}
     * @return the file or folder at {@code path} (a project's root folder for {@code owner/slug})
     * @throws NotFoundException when nothing is there
     */
    public RemoteFile resolve(RemotePath path) {
        return find(path).orElseThrow(() -> new NotFoundException(404, "not_found",
                "nothing at " + path, null));
    }

    /**
     * @return the file or folder at {@code path}, or empty when nothing is there
     *
     * @param path the remote path, {@code owner/slug[/…]}
     */
    public Optional<RemoteFile> find(RemotePath path) {
        RemoteFile current = get(projects.cached(path.project()).rootFolder());
        for (String segment : path.segments()) {
            if (!current.isFolder()) {
                return Optional.empty();
            }
            Optional<RemoteFile> child = child(current.id(), segment);
            if (child.isEmpty()) {
                return Optional.empty();
            }
            current = child.get();
        }
        return Optional.of(current);
    }

    /**
     * @return the child of a folder with exactly this name, if there is one
     *
     * @param folderId the folder
     * @param name     the exact name
     */
    public Optional<RemoteFile> child(String folderId, String name) {
        JsonNode page = api.json(Call.get("/v2/files").query("parent", folderId).query("name", name)
                .query("limit", 1));
        JsonNode items = page.path("items");
        return items.isEmpty() ? Optional.empty() : Optional.of(Json.bind(items.get(0), RemoteFile.class));
    }

    /**
     * @return where a file or folder is, walking up its folders ({@code owner/slug} for a root folder)
     *
     * @param file a file or folder
     */
    public RemotePath pathOf(RemoteFile file) {
        List<String> names = new ArrayList<>();
        RemoteFile current = file;
        while (current.parent() != null) {
            names.add(current.name());
            current = get(current.parent());
        }
        Collections.reverse(names);
        return new RemotePath(file.project(), names);
    }

    /**
     * @return the direct children of a folder (folders first, then by name), fetched as you iterate
     *
     * @param folderId the folder
     */
    public Listing<RemoteFile> list(String folderId) {
        return Pages.scroll(api, token -> Call.get("/v2/files/" + folderId + "/scroll").query("token", token)
                .query("limit", PAGE), RemoteFile.class);
    }

    /**
     * Direct children of a project's root or a folder that match every kind of filter given
     * (and any value given for one kind), fetched as you iterate.
     *
     * @param q what to look for
     * @return the matching files and folders
     */
    public Listing<RemoteFile> query(FileQuery q) {
        if (q.metadata().isEmpty()) {
            // Scrolling is stable while files come and go, but cannot filter by metadata.
            return Pages.scroll(api, token -> filtered(Call.get("/v2/files/scroll"), q).query("token", token),
                    RemoteFile.class);
        }
        return Pages.offsets(api, offset -> filtered(Call.get("/v2/files"), q).query("offset", offset),
                RemoteFile.class);
    }

    private static Call filtered(Call call, FileQuery q) {
        call.query("project", q.project()).query("parent", q.parent());
        if (q.names() != null) {
            // An empty list of names matches nothing, as on the platform.
            call.query("name", q.names().isEmpty() ? List.of("") : q.names());
        }
        q.metadata().forEach((key, values) -> call.query("metadata." + key, values));
        return call.query("tag", q.tags()).query("origin.task", q.originTask()).query("limit", PAGE);
    }

    // ---- folders -----------------------------------------------------------------------

    /**
     * Creates a folder.
     *
     * @param parentFolderId the folder to create it in
     * @param name the name
     * @return the new folder
     * @throws ConflictException when the name is taken
     */
    public RemoteFile createFolder(String parentFolderId, String name) {
        return api.as(Call.post("/v2/files").body(Map.of("name", name, "type", "folder", "parent", parentFolderId)),
                RemoteFile.class);
    }

    /**
     * The folder at {@code path}, creating it and any missing folders above it.
     *
     * @param path the remote path, {@code owner/slug[/…]}
     * @return the folder
     * @throws ConflictException when a file is in the way
     */
    public RemoteFile mkdirs(RemotePath path) {
        RemoteFile current = get(projects.cached(path.project()).rootFolder());
        for (String segment : path.segments()) {
            Optional<RemoteFile> child = child(current.id(), segment);
            if (child.isEmpty()) {
                try {
                    child = Optional.of(createFolder(current.id(), segment));
                } catch (ConflictException raced) {
                    child = child(current.id(), segment); // someone else made it a moment ago
                }
            }
            current = child.filter(RemoteFile::isFolder).orElseThrow(() -> new ConflictException(409, "not_a_folder",
                    "'" + segment + "' in " + path + " is a file, not a folder", null));
        }
        return current;
    }

    // ---- changes -----------------------------------------------------------------------

    /**
     * Renames a file (folders cannot be renamed; {@link #move} them instead).
     *
     * @param id a file or folder id
     * @param newName the new name
     * @return the renamed file
     */
    public RemoteFile rename(String id, String newName) {
        return api.as(Call.patch("/v2/files/" + id).body(Map.of("name", newName)), RemoteFile.class);
    }

    /**
     * Moves a file or folder into another folder, optionally renaming it. Files keep their id.
     * A folder is rebuilt at the target (new folders, its files moved), then removed. Across
     * projects a file is copied and the original deleted, so it gets a new id.
     *
     * @param id a file or folder id
     * @param targetFolderId the folder to put it in
     * @param newName the name at the target, or null to keep it
     * @return the moved file or the new folder
     */
    public RemoteFile move(String id, String targetFolderId, String newName) {
        RemoteFile source = get(id);
        RemoteFile target = get(targetFolderId);
        if (source.isFolder()) {
            RemoteFile folder = createFolder(target.id(), newName != null ? newName : source.name());
            for (RemoteFile child : list(source.id()).toList()) {
                move(child.id(), folder.id(), null);
            }
            delete(source.id());
            return folder;
        }
        if (!source.project().equals(target.project())) {
            RemoteFile copy = copy(id, targetFolderId, newName);
            delete(id);
            return copy;
        }
        return api.as(Call.post("/v2/files/" + id + "/actions/move").body(target(targetFolderId, newName)),
                RemoteFile.class);
    }

    /**
     * Copies a file or folder into a folder (of any project the caller may write). The copy of
     * a file shares the stored bytes, metadata and tags; a folder is copied file by file.
     *
     * @param id a file or folder id
     * @param targetFolderId the folder to put it in
     * @param newName the copy's name, or null to keep the original's
     * @return the copy
     * @throws ConflictException when the name is taken in the target
     */
    public RemoteFile copy(String id, String targetFolderId, String newName) {
        RemoteFile source = get(id);
        if (source.isFolder()) {
            RemoteFile folder = createFolder(targetFolderId, newName != null ? newName : source.name());
            for (RemoteFile child : list(source.id())) {
                copy(child.id(), folder.id(), null);
            }
            return folder;
        }
        // The platform would rename the copy to _1_name; this SDK refuses a taken name instead.
        return api.as(Call.post("/v2/files/" + id + "/actions/copy").query("on_clash", "fail")
                .body(target(targetFolderId, newName)), RemoteFile.class);
    }

    private static Map<String, Object> target(String folderId, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parent", folderId);
        if (name != null) {
            body.put("name", name);
        }
        return body;
    }

    /**
     * Deletes a file or an empty folder.
     *
     * @param id a file or folder id
     * @throws BadRequestException for a folder that is not empty
     */
    public void delete(String id) {
        api.send(Call.delete("/v2/files/" + id));
    }

    /**
     * Deletes a file, or a folder with everything in it, in one call: with the server's trash on, it
     * goes there as one item that restores whole. A server without recursive deletes has the folder
     * emptied first (files in bulk calls of 100).
     *
     * @param id a file or folder id
     */
    public void deleteRecursively(String id) {
        try {
            api.send(Call.delete("/v2/files/" + id).query("recursive", true));
        } catch (BadRequestException e) {
            if (!FOLDER_NOT_EMPTY.equals(e.code())) {
                throw e;
            }
            deleteWalking(id);
        }
    }

    private void deleteWalking(String id) {
        RemoteFile node = get(id);
        if (!node.isFolder()) {
            delete(id);
            return;
        }
        List<String> files = new ArrayList<>();
        for (RemoteFile child : list(id).toList()) {
            if (child.isFolder()) {
                deleteWalking(child.id());
            } else {
                files.add(child.id());
            }
        }
        for (int i = 0; i < files.size(); i += BULK) {
            bulkDelete(files.subList(i, Math.min(files.size(), i + BULK)));
        }
        delete(id);
    }

    private void bulkDelete(List<String> ids) {
        JsonNode answer = api.json(Call.post("/v2/bulk/files/delete").body(Map.of("file_ids", ids)).repeatable());
        for (JsonNode item : answer.path("items")) {
            JsonNode error = item.path("error");
            if (error.isObject() && error.path("status").asInt() != 404) {
                throw new ApiException(error.path("status").asInt(), error.path("code").asText(null),
                        error.path("message").asText(), null);
            }
        }
    }

    // ---- metadata and tags ---------------------------------------------------------------

    /**
     * @return a file's metadata
     *
     * @param id a file or folder id
     */
    public Map<String, String> metadata(String id) {
        return api.as(Call.get("/v2/files/" + id + "/metadata"), STRING_MAP);
    }

    /**
     * Merges {@code changes} into a file's metadata; a null value removes that key.
     *
     * @param id a file or folder id
     * @param changes keys to set; a null value removes the key
     * @return the whole resulting metadata
     */
    public Map<String, String> updateMetadata(String id, Map<String, String> changes) {
        return api.as(Call.patch("/v2/files/" + id + "/metadata").body(changes).repeatable(), STRING_MAP);
    }

    /**
     * Replaces a file's metadata by {@code values}; returns the result.
     *
     * @param id a file or folder id
     * @param values the complete new metadata
     * @return the metadata now
     */
    public Map<String, String> replaceMetadata(String id, Map<String, String> values) {
        return api.as(Call.put("/v2/files/" + id + "/metadata").body(values), STRING_MAP);
    }

    /**
     * Replaces a file's tags (duplicates dropped, order kept); returns the result.
     *
     * @param id a file or folder id
     * @param tags the tags, in order
     * @return the tags now
     */
    public List<String> setTags(String id, List<String> tags) {
        return api.as(Call.put("/v2/files/" + id + "/tags").body(tags), STRINGS);
    }

    /**
     * Merges metadata in and, when {@code tags} is not null, replaces the tags, in one request.
     *
     * @param id a file or folder id
     * @param metadata metadata to merge in, or null
     * @param tags the tags, in order
     * @return the changed file
     */
    public RemoteFile label(String id, Map<String, String> metadata, List<String> tags) {
        return Labels.merge(api, id, metadata, tags);
    }

    /**
     * @return a presigned URL for a file's bytes (valid about an hour; no token needed)
     *
     * @param id a file or folder id
     */
    public String downloadUrl(String id) {
        return api.json(Call.get("/v2/files/" + id + "/download_info")).path("url").asText();
    }
}
