package org.seqvault.client;

import java.nio.file.Path;
import org.seqvault.client.internal.Api;
import org.seqvault.client.internal.Call;
import org.seqvault.client.internal.DownloadSource;
import org.seqvault.client.internal.MultipartUpload;
import org.seqvault.client.internal.RangedDownload;

/**
 * Moves bytes: uploads with parallel parts and downloads with parallel ranges, both retried
 * part by part, resumable after the process dies, and verified (each part's MD5 against the
 * server's ETag; each download's SHA-256 against the server's). Reach it through
 * {@link SeqVault#transfers()}.
 *
 * <p>Resume works through small state files: {@code .<name>.seqvault-upload} next to the
 * source, and {@code <name>.part} plus {@code .<name>.seqvault-download} next to the target.
 * They disappear when the transfer succeeds. An upload whose state file is lost is still
 * found among the caller's open uploads (same folder, name and size), and its parts are kept
 * when their MD5 matches the local file.
 */
public final class Transfers {
    private final Api api;
    private final Projects projects;
    private final FileTree tree;
    private final MultipartUpload uploads;
    private final RangedDownload downloads;

    Transfers(Api api, Projects projects, FileTree tree, MultipartUpload uploads, RangedDownload downloads) {
        this.api = api;
        this.projects = projects;
        this.tree = tree;
        this.uploads = uploads;
        this.downloads = downloads;
    }

    /**
     * Uploads a local file into a folder. Files up to one part (32 MiB by default) go in a single
     * PUT, larger ones in parallel parts; any size up to 5 TiB works.
     *
     * @param source   a regular file
     * @param folderId the target folder (a project's {@link Project#rootFolder()} for its top)
     * @param options  parallelism, part size, resume, metadata, tags, listener
     * @return the new file, with the options' metadata and tags
     * @throws ConflictException when the name is taken and {@link UploadOptions#overwrite()} is off
     */
    public RemoteFile upload(Path source, String folderId, UploadOptions options) {
        return uploads.run(source, folderId, options);
    }

    /**
     * Uploads a local file into the folder at {@code folder}, creating missing folders.
     *
     * @param source the local file
     * @param folder the folder, {@code owner/slug[/…]}
     * @param options parallelism, resume, listener and more
     * @return the new file
     * @see #upload(Path, String, UploadOptions)
     */
    public RemoteFile upload(Path source, RemotePath folder, UploadOptions options) {
        return upload(source, tree.mkdirs(folder).id(), options);
    }

    /**
     * Downloads a file into a directory (created if missing).
     *
     * @param file the file
     * @param directory the local directory to save into (created if missing)
     * @param options parallelism, resume, listener and more
     * @return the saved file, {@code directory/<name>}
     * @throws IntegrityException when the bytes do not match the server's SHA-256 (nothing is kept)
     */
    public Path download(RemotePath file, Path directory, DownloadOptions options) {
        String workspace = projects.cached(file.project()).workspaceId();
        return download(workspace, file.key(), directory, options);
    }

    /**
     * Downloads a file into a directory (created if missing).
     *
     * @param file      the file, as {@link FileTree} returns it
     * @param directory the local directory to save into (created if missing)
     * @param options   parallelism, resume, listener and more
     * @return the saved file, {@code directory/<name>}
     * @see #download(RemotePath, Path, DownloadOptions)
     */
    public Path download(RemoteFile file, Path directory, DownloadOptions options) {
        if (file.isFolder()) {
            throw new IllegalArgumentException(file.name() + " is a folder; download its files one by one");
        }
        return download(tree.pathOf(file), directory, options);
    }

    /**
     * Downloads a file into a directory (created if missing).
     *
     * @param file      the file, as {@link WorkspaceFiles#list(String)} returns it
     * @param directory the local directory to save into (created if missing)
     * @param options   parallelism, resume, listener and more
     * @return the saved file, {@code directory/<name>}
     * @see #download(RemotePath, Path, DownloadOptions)
     */
    public Path download(V1File file, Path directory, DownloadOptions options) {
        return download(file.workspaceId(), file.key(), directory, options);
    }

    /** Every download goes through the {@code /v1} link: it names the SHA-256 to check against. */
    Path download(String workspaceId, String key, Path directory, DownloadOptions options) {
        DownloadLink first = link(workspaceId, key);
        String name = key.substring(key.lastIndexOf('/') + 1);
        boolean[] used = {false};
        DownloadSource source = new DownloadSource(name, first.size(), first.sha256(),
                "sha256:" + first.sha256() + ":" + first.size(), () -> {
                    synchronized (used) {
                        if (!used[0]) {
                            used[0] = true;
                            return first.url();
                        }
                    }
                    return link(workspaceId, key).url();
                });
        return downloads.run(source, directory, options);
    }

    DownloadLink link(String workspaceId, String key) {
        return api.as(Call.get("/v1/files/download").query("workspace_id", workspaceId).query("key", key),
                DownloadLink.class);
    }
}
