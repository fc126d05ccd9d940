package org.seqvault.service.file;

import org.seqvault.domain.ProjectRef;

/** Where files are listed, created, copied or moved to: a project's root folder, or a folder by id. */
public sealed interface Container {

    /** The top level of a project ({@code project=owner/slug} on the Seven Bridges API). */
    record ProjectRoot(ProjectRef project) implements Container {
    }

    /** A folder by its id ({@code parent=<id>}); any other node is NOT_A_FOLDER. */
    record Folder(String folderId) implements Container {
    }
}
