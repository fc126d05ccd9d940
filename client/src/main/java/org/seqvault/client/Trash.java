package org.seqvault.client;

import java.util.Iterator;
import java.util.Map;
import org.seqvault.client.internal.Api;
import org.seqvault.client.internal.Call;
import org.seqvault.client.internal.Pages;

/**
 * Projects' trash, where deletes put files and folders for the server's retention (14 days unless
 * the operator set otherwise): list it, restore from it, empty it. Reach it through
 * {@link SeqVault#trash()}. Listing needs read permission in the project, restoring write, emptying
 * admin. Every call needs a token with the {@code files} scope.
 */
public final class Trash {
    private static final int PAGE = 100;

    private final Api api;

    Trash(Api api) {
        this.api = api;
    }

    /**
     * @param project the project, {@code owner/slug}
     * @return what is in its trash, the most recently deleted first, fetched page by page as you iterate
     * @throws NotFoundException when the project does not exist or the caller cannot read it
     */
    public Listing<TrashedItem> list(String project) {
        return list(project, null);
    }

    /**
     * @param project the project, {@code owner/slug}
     * @param path    only what was at this path below the project's root ({@code raw/x.vcf}, a folder
     *                {@code runs/r1}), or null for everything
     * @return the items, the most recently deleted first, fetched page by page as you iterate
     */
    public Listing<TrashedItem> list(String project, String path) {
        return Pages.offsets(api, offset -> Call.get(trash(project)).query("path", path).query("offset", offset)
                .query("limit", PAGE), TrashedItem.class);
    }

    /**
     * Puts an item back where it was, with its id, metadata and tags (a folder with everything that
     * was in it), recreating folders above it that are gone. When its name is taken there it comes
     * back as {@code _1_name} (or {@code _2_name}, …).
     *
     * @param project the project, {@code owner/slug}
     * @param itemId  the item's id (from {@link #list})
     * @return the restored file or folder as it is now
     * @throws NotFoundException when the trash holds no such item (restored already, emptied or expired)
     */
    public RemoteFile restore(String project, String itemId) {
        return api.as(Call.post(trash(project) + "/" + itemId + "/restore").body(Map.of()), RemoteFile.class);
    }

    /**
     * Restores what was deleted last from {@code path} (see {@link #restore(String, String)}).
     *
     * @param path where it was: {@code owner/slug/raw/x.vcf}, or a folder {@code owner/slug/runs/r1}
     * @return the restored file or folder as it is now
     * @throws NotFoundException when nothing deleted from that path is in the trash
     */
    public RemoteFile restore(RemotePath path) {
        if (path.isProjectRoot()) {
            throw new IllegalArgumentException("'" + path + "' is a project; name the path of what to restore in it");
        }
        Iterator<TrashedItem> newest = list(path.project(), path.key()).iterator();
        if (!newest.hasNext()) {
            throw new NotFoundException(404, "not_found", "nothing deleted from " + path + " is in the trash", null);
        }
        return restore(path.project(), newest.next().id());
    }

    /**
     * Empties the project's trash: nothing in it can be restored any more.
     *
     * @param project the project, {@code owner/slug}
     * @return what it held
     * @throws ForbiddenException without the admin permission in the project
     */
    public EmptiedTrash empty(String project) {
        return api.as(Call.delete(trash(project)), EmptiedTrash.class);
    }

    private static String trash(String project) {
        return "/v2/projects/" + project + "/trash";
    }
}
