package org.seqvault.service.file;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.seqvault.domain.Metadata;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeName;
import org.seqvault.domain.OriginTask;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Tags;
import org.seqvault.domain.UserException;
import org.seqvault.service.file.FileEdit.Mode;

/**
 * Works out what a {@link FileEdit} turns a node into. Folders keep their name, metadata and
 * tags: an edit that would change one of them is refused (one that changes nothing is fine,
 * since bulk update sends every field of every item).
 */
final class FileEditor {
    private FileEditor() {
    }

    /** The edited node, or {@code current} itself when the edit changes nothing. */
    static Node apply(Node current, FileEdit edit, Mode mode, Instant now) {
        String name = edit.name() == null ? current.name() : edit.name();
        Metadata metadata = metadata(current.metadata(), edit, mode);
        Tags tags = edit.tags() != null ? new Tags(edit.tags()) : mode == Mode.REPLACE ? Tags.EMPTY : current.tags();
        String origin = edit.originTask() == null ? current.originTask() : new OriginTask(edit.originTask()).value();

        boolean renamed = !name.equals(current.name());
        boolean newMetadata = !metadata.equals(current.metadata());
        boolean newTags = !tags.equals(current.tags());
        boolean newOrigin = !Objects.equals(origin, current.originTask());
        if (!renamed && !newMetadata && !newTags && !newOrigin) {
            return current;
        }
        if (current.isFolder()) {
            refuseFolderChange(current, renamed, newMetadata, newTags);
        }
        Node edited = current;
        if (renamed) {
            NodeName newName = new NodeName(name);
            edited = edited.withPlace(current.parentId(), newName.value(), Keys.file(Keys.folderOf(current), newName), now);
        }
        return edited.withMetadata(metadata, now).withTags(tags, now).withOriginTask(origin, now);
    }

    private static Metadata metadata(Metadata current, FileEdit edit, Mode mode) {
        if (edit.metadata() == null) {
            return mode == Mode.REPLACE ? Metadata.EMPTY : current;
        }
        if (mode == Mode.MERGE) {
            return current.patch(edit.metadata());
        }
        Map<String, String> given = new HashMap<>();
        edit.metadata().forEach((k, v) -> {
            if (v != null) {
                given.put(k, v);
            }
        });
        return new Metadata(given);
    }

    private static void refuseFolderChange(Node folder, boolean renamed, boolean newMetadata, boolean newTags) {
        if (renamed) {
            throw new UserException(Problem.FOLDER_RENAME, "folder '" + folder.name() + "' cannot be renamed");
        }
        if (newMetadata) {
            throw new UserException(Problem.FOLDER_METADATA, "folders have no metadata; '" + folder.name() + "' is a folder");
        }
        if (newTags) {
            throw new UserException(Problem.FOLDER_TAGS, "folders have no tags; '" + folder.name() + "' is a folder");
        }
        throw UserException.invalid("folders have no origin; '" + folder.name() + "' is a folder");
    }
}
