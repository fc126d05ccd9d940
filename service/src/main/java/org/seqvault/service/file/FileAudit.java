package org.seqvault.service.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.AuditDetail;
import org.seqvault.domain.Node;
import org.seqvault.service.audit.AuditSubject;
import org.seqvault.service.audit.AuditTarget;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.port.MetadataStore.Tx;

/** What the audit trail says about changes to files and folders: actions, targets and details. */
final class FileAudit {
    private FileAudit() {
    }

    /** The folder a container names, looked up only if the request is refused. */
    static AuditSubject subject(Container container) {
        return switch (container) {
            case Container.ProjectRoot root -> AuditSubject.project(root.project());
            case Container.Folder folder -> AuditSubject.node(folder.folderId());
        };
    }

    /** Where a copy or move was asked to go. */
    static AuditDetail destination(Container target, String newName) {
        AuditDetail d = AuditDetail.of();
        switch (target) {
            case Container.ProjectRoot root -> d.put("to_project", root.project().id());
            case Container.Folder folder -> d.put("to_folder", folder.folderId());
        }
        return d.put("name", newName);
    }

    /** The actions an edit asks for: what a refusal of it is recorded as. */
    static List<AuditAction> actions(FileEdit edit, FileEdit.Mode mode) {
        List<AuditAction> actions = new ArrayList<>();
        if (edit.name() != null) {
            actions.add(AuditAction.FILE_RENAME);
        }
        if (edit.metadata() != null || edit.originTask() != null || mode == FileEdit.Mode.REPLACE) {
            actions.add(AuditAction.FILE_METADATA);
        }
        if (edit.tags() != null || mode == FileEdit.Mode.REPLACE) {
            actions.add(AuditAction.FILE_TAGS);
        }
        return actions;
    }

    /** What an edit asked for, in short: the new name, the metadata keys, the tags. */
    static AuditDetail asked(FileEdit edit) {
        AuditDetail d = AuditDetail.of().put("name", edit.name());
        if (edit.metadata() != null) {
            d.put("keys", List.copyOf(edit.metadata().keySet()));
        }
        return d.put("tags", edit.tags()).put("origin", edit.originTask());
    }

    static AuditDetail keys(Map<String, String> metadata) {
        return AuditDetail.of().put("keys", metadata == null ? List.of() : List.copyOf(metadata.keySet()));
    }

    /**
     * Records what changed between {@code before} and {@code after}, one record per kind of change:
     * the rename (old and new path), the metadata (keys set and removed, origin) and the tags.
     */
    static void edited(Tx tx, AuditTrail.Attempt attempt, Located before, Node after) {
        Node old = before.node();
        AuditTarget target = AuditTarget.node(after, before.project());
        if (!old.key().equals(after.key())) {
            attempt.ok(tx, AuditAction.FILE_RENAME, target, AuditDetail.of().put("from", old.key()).put("to", after.key()));
        }
        if (!old.metadata().equals(after.metadata()) || !Objects.equals(old.originTask(), after.originTask())) {
            attempt.ok(tx, AuditAction.FILE_METADATA, target, metadataChange(old, after));
        }
        if (!old.tags().equals(after.tags())) {
            attempt.ok(tx, AuditAction.FILE_TAGS, target,
                    AuditDetail.of().change("tags", old.tags().values(), after.tags().values()));
        }
    }

    private static AuditDetail metadataChange(Node old, Node after) {
        Map<String, String> was = old.metadata().values();
        Map<String, String> is = after.metadata().values();
        List<String> set = is.keySet().stream().filter(k -> !is.get(k).equals(was.get(k))).toList();
        List<String> removed = was.keySet().stream().filter(k -> !is.containsKey(k)).toList();
        AuditDetail d = AuditDetail.of();
        if (!set.isEmpty()) {
            d.put("set", set);
        }
        if (!removed.isEmpty()) {
            d.put("removed", removed);
        }
        return d.change("origin", old.originTask(), after.originTask());
    }

    /**
     * Records a copy in the project it went to and, when it came from another one, there too: the
     * admins of either project see it. Each names the other side by file id only (the same request
     * id joins them), so neither project's admins learn names in a project they may not read.
     */
    static void copied(Tx tx, AuditTrail.Attempt attempt, Located source, Located copy) {
        attempt.ok(tx, AuditTarget.node(copy.node(), copy.project()),
                AuditDetail.of().put("from_id", source.node().id()));
        if (!source.node().projectId().equals(copy.node().projectId())) {
            attempt.ok(tx, AuditTarget.node(source.node(), source.project()),
                    AuditDetail.of().put("copy_id", copy.node().id()));
        }
    }

    static AuditDetail deleted(Node node) {
        return node.isFolder() ? AuditDetail.of().put("folder", true) : null;
    }

    static AuditDetail handedOut(DownloadLink link) {
        return AuditDetail.of().put("expires_at", link.expires().toString());
    }
}
