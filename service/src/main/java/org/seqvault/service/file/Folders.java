package org.seqvault.service.file;

import org.seqvault.domain.FolderPath;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeName;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Project;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.MetadataStore.Tx;

/** Folder lookups and on-demand creation of folder paths (a v1 key "raw/sub/x" needs "raw" and "sub"). */
public final class Folders {
    private final IdGenerator ids;

    public Folders(IdGenerator ids) {
        this.ids = ids;
    }

    public static Node root(Tx tx, Project project) {
        return tx.nodes().byId(project.rootFolderId())
                .orElseThrow(() -> new IllegalStateException("project " + project.id() + " has no root folder"));
    }

    /** Returns the folder at {@code path}, creating missing folders; a file in the way is a conflict. */
    public Node ensure(Tx tx, Project project, FolderPath path, java.time.Instant now) {
        Node current = root(tx, project);
        for (NodeName segment : path.segments()) {
            current = ensureChild(tx, current, segment, now);
        }
        return current;
    }

    /** Creates a new folder under {@code parent}; an existing node with that name is a conflict. */
    public Node create(Tx tx, Node parent, NodeName name, java.time.Instant now) {
        Node folder = newFolder(parent, name, now);
        if (!tx.nodes().insert(folder)) {
            throw new UserException(Problem.FOLDER_EXISTS, "'" + name + "' already exists in this folder");
        }
        return folder;
    }

    private Node ensureChild(Tx tx, Node parent, NodeName name, java.time.Instant now) {
        var existing = tx.nodes().child(parent.id(), name.value());
        if (existing.isEmpty()) {
            Node folder = newFolder(parent, name, now);
            if (tx.nodes().insert(folder)) {
                return folder;
            }
            // Another transaction created it first; use theirs.
            existing = tx.nodes().child(parent.id(), name.value());
        }
        Node node = existing.orElseThrow(() -> new IllegalStateException("folder vanished: " + name));
        if (!node.isFolder()) {
            throw new UserException(Problem.NAME_EXISTS,
                    "a file named '" + name + "' is where the folder '" + parent.key() + name + "/' should be");
        }
        return node;
    }

    private Node newFolder(Node parent, NodeName name, java.time.Instant now) {
        return new Node(ids.objectId(), parent.projectId(), parent.id(), name.value(), NodeType.FOLDER,
                parent.key() + name.value() + "/", null, 0, null, null, null, null, null, null, now, now);
    }
}
