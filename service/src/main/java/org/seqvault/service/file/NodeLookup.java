package org.seqvault.service.file;

import org.seqvault.domain.Node;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Project;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.port.NodeRepository;
import org.seqvault.service.project.Access;

/**
 * Finds files and folders for a caller inside a transaction and checks the permission the
 * operation needs. A node in a project the caller cannot read answers exactly like a missing
 * id, so neither its name nor its existence leaks.
 */
final class NodeLookup {
    private NodeLookup() {
    }

    /** A file or folder by id: FILE_NOT_FOUND when missing or unreadable, FORBIDDEN without {@code needed}. */
    static Located node(Tx tx, Principal caller, String id, Permission needed) {
        requireId(id, "file id");
        NodeRepository.InProject found = tx.nodes().byIdInProject(id).orElseThrow(() -> fileNotFound(id));
        Node node = found.node();
        Project project = found.project();
        Permissions perms = Access.of(tx, caller, project);
        if (!perms.read()) {
            throw fileNotFound(id);
        }
        Access.requireAllowed(perms, project, needed);
        return new Located(node, project.ref());
    }

    /**
     * A file or folder for a caller without a token ({@link Access#anonymous}): only what public
     * projects hold. A missing id and one in a private project get the same UNAUTHORIZED answer
     * (what every other call without a token gets), so an anonymous caller learns nothing of either.
     */
    static Located publicNode(Tx tx, String id) {
        requireId(id, "file id");
        NodeRepository.InProject found = tx.nodes().byIdInProject(id).orElse(null);
        if (found == null || !Access.anonymous(found.project()).read()) {
            throw new UserException(Problem.UNAUTHORIZED, "'" + id + "' is not a file of a public project;"
                    + " send a token (Authorization: Bearer ...) to reach any other file");
        }
        return new Located(found.node(), found.project().ref());
    }

    /**
     * The folder a container names: a project's root (PROJECT_NOT_FOUND when missing or
     * unreadable) or a folder by id (FOLDER_NOT_FOUND likewise, NOT_A_FOLDER for a file).
     */
    static Located folder(Tx tx, Principal caller, Container container, Permission needed) {
        return switch (container) {
            case Container.ProjectRoot root -> {
                Project project = tx.projects().byRef(root.project())
                        .orElseThrow(() -> Access.notFound(root.project().id()));
                Access.require(tx, caller, project, needed);
                yield new Located(Folders.root(tx, project), project.ref());
            }
            case Container.Folder folder -> {
                String id = folder.folderId();
                requireId(id, "parent");
                NodeRepository.InProject found = tx.nodes().byIdInProject(id).orElseThrow(() -> folderNotFound(id));
                Node node = found.node();
                Project project = found.project();
                Permissions perms = Access.of(tx, caller, project);
                if (!perms.read()) {
                    throw folderNotFound(id);
                }
                Access.requireAllowed(perms, project, needed);
                if (!node.isFolder()) {
                    throw new UserException(Problem.NOT_A_FOLDER, "'" + id + "' is a file, not a folder");
                }
                yield new Located(node, project.ref());
            }
        };
    }

    static UserException fileNotFound(String id) {
        return new UserException(Problem.FILE_NOT_FOUND, "file '" + id + "' not found");
    }

    private static UserException folderNotFound(String id) {
        return new UserException(Problem.FOLDER_NOT_FOUND, "folder '" + id + "' not found");
    }

    private static void requireId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new UserException(Problem.INVALID_ID, what + " is required");
        }
    }
}
