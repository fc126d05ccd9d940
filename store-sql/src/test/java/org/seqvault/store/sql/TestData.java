package org.seqvault.store.sql;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.Metadata;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Tags;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;
import org.seqvault.domain.User;
import org.seqvault.domain.Username;

/** Valid records for store tests; ids are unique per JVM. Times carry microseconds to prove they round-trip. */
final class TestData {
    static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123456Z");
    static final Checksums CHECKSUMS = new Checksums("0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    private static final AtomicLong IDS = new AtomicLong(0x5eed0000L);

    private TestData() {
    }

    /** A 24-hex-digit id, like the service's object ids. */
    static String objectId() {
        return String.format("%024x", IDS.incrementAndGet());
    }

    static User user(String username) {
        return new User("usr_" + objectId(), new Username(username), username + "@example.org", "First", "Last", T0);
    }

    static Project project(User owner, String slug, boolean isPublic) {
        return new Project("ws_" + objectId(), new ProjectRef(owner.username(), slug), objectId(), "Project " + slug,
                "about " + slug, owner.id(), isPublic, T0, T0.plusSeconds(1));
    }

    static Node root(Project project) {
        return new Node(project.rootFolderId(), project.id(), null, "", NodeType.FOLDER, "", null, 0, null, null,
                null, null, null, null, T0, T0);
    }

    static Node folder(Node parent, String name) {
        return folder(objectId(), parent, name);
    }

    static Node folder(String id, Node parent, String name) {
        return new Node(id, parent.projectId(), parent.id(), name, NodeType.FOLDER, parent.key() + name + "/", null,
                0, null, null, null, null, null, null, T0, T0);
    }

    static Node file(Node parent, String name) {
        return file(objectId(), parent, name, Map.of(), List.of(), null);
    }

    static Node file(String id, Node parent, String name) {
        return file(id, parent, name, Map.of(), List.of(), null);
    }

    static Node file(Node parent, String name, Map<String, String> metadata, List<String> tags, String originTask) {
        return file(objectId(), parent, name, metadata, tags, originTask);
    }

    static Node file(String id, Node parent, String name, Map<String, String> metadata, List<String> tags,
                     String originTask) {
        return new Node(id, parent.projectId(), parent.id(), name, NodeType.FILE, parent.key() + name, null, 42,
                CHECKSUMS, "text/plain", "a file", originTask, new Metadata(metadata), new Tags(tags), T0,
                T0.plusMillis(5));
    }

    /** A file pointing to a blob (which must be inserted first). */
    static Node fileWithBlob(Node parent, String name, String blobId) {
        Node f = file(parent, name);
        return new Node(f.id(), f.projectId(), f.parentId(), f.name(), f.type(), f.key(), blobId, f.size(),
                f.checksums(), f.contentType(), f.description(), f.originTask(), f.metadata(), f.tags(),
                f.createdAt(), f.modifiedAt());
    }

    static Blob blob(Instant createdAt) {
        return new Blob(objectId(), 1234, CHECKSUMS, 2, createdAt);
    }

    static UploadSession upload(User user, Project project, Instant createdAt, Instant expiresAt) {
        return new UploadSession("up_" + objectId(), user.id(), project.id(), project.rootFolderId(), null, "reads.bam",
                10_000, 4096, UploadSession.partCount(10_000, 4096), false, UploadState.OPEN, "application/octet-stream",
                "reads", "task-1", null, null, "store-" + objectId(), createdAt, expiresAt);
    }

    static UploadPart part(String uploadId, int partNumber, String locator) {
        return new UploadPart(uploadId, partNumber, 4096, "0123456789abcdef0123456789abcdef", CHECKSUMS.sha256(),
                locator, T0.plusSeconds(partNumber));
    }
}
