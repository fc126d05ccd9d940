package org.seqvault.service.audit;

import java.util.Optional;
import org.seqvault.domain.Node;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Token;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.User;
import org.seqvault.domain.Username;
import org.seqvault.service.port.MetadataStore.Tx;

/**
 * What a request names, to be looked up when it is refused: the record of a refusal then says
 * which project and which file it was about, even though the refusal came before the service
 * found them (a missing scope) or because the caller may not see them (which the caller is never
 * told; only the project's admins and the server's see the record). Lookups by id only, and
 * nothing found is no error: the record keeps what the request said.
 */
@FunctionalInterface
public interface AuditSubject {

    AuditTarget resolve(Tx tx);

    AuditSubject NONE = tx -> AuditTarget.NONE;

    static AuditSubject of(AuditTarget target) {
        return tx -> target;
    }

    /** A file or folder by id. */
    static AuditSubject node(String id) {
        return tx -> {
            Optional<Node> node = id == null || id.isBlank() ? Optional.empty() : tx.nodes().byId(id);
            if (node.isEmpty()) {
                return AuditTarget.named(id, null);
            }
            return tx.projects().byId(node.get().projectId())
                    .map(p -> AuditTarget.node(node.get(), p.ref()))
                    .orElse(AuditTarget.named(id, node.get().key()));
        };
    }

    /** A project by owner/slug. */
    static AuditSubject project(ProjectRef ref) {
        return tx -> tx.projects().byRef(ref).map(AuditTarget::project)
                .orElse(new AuditTarget(null, ref.id(), null, null));
    }

    /** A project by workspace id. */
    static AuditSubject workspace(String workspaceId) {
        return tx -> workspace(tx, workspaceId).map(AuditTarget::project).orElse(AuditTarget.named(workspaceId, null));
    }

    /** A v1 key in a workspace: the file at it if there is one. */
    static AuditSubject key(String workspaceId, String key) {
        return tx -> {
            Optional<Project> project = workspace(tx, workspaceId);
            if (project.isEmpty()) {
                return new AuditTarget(workspaceId, null, null, key);
            }
            return tx.nodes().fileByKey(project.get().id(), key)
                    .map(n -> AuditTarget.node(n, project.get().ref()))
                    .orElse(AuditTarget.inProject(project.get(), null, key));
        };
    }

    /** An upload session: the project and the path it publishes to. */
    static AuditSubject upload(String uploadId) {
        return tx -> {
            Optional<UploadSession> s = uploadId == null ? Optional.empty() : tx.uploads().byId(uploadId);
            if (s.isEmpty()) {
                return AuditTarget.named(uploadId, null);
            }
            String path = (s.get().folderPath() == null ? "" : s.get().folderPath()) + s.get().name();
            return tx.projects().byId(s.get().projectId())
                    .map(p -> AuditTarget.inProject(p, uploadId, path))
                    .orElse(AuditTarget.named(uploadId, path));
        };
    }

    /** A member (or would-be member) of a project. */
    static AuditSubject member(ProjectRef ref, Username username) {
        return tx -> {
            String userId = tx.users().byUsername(username).map(User::id).orElse(null);
            return tx.projects().byRef(ref)
                    .map(p -> AuditTarget.inProject(p, userId, username.value()))
                    .orElse(new AuditTarget(null, ref.id(), userId, username.value()));
        };
    }

    /** A token by id, named by its owner. */
    static AuditSubject token(String tokenId) {
        return tx -> {
            Optional<Token> token = tokenId == null || tokenId.isBlank() ? Optional.empty() : tx.tokens().byId(tokenId);
            return token.map(t -> AuditTarget.token(t, tx.users().byId(t.userId()).orElse(null)))
                    .orElse(AuditTarget.named(tokenId, null));
        };
    }

    /** A user by name. */
    static AuditSubject user(Username username) {
        return tx -> tx.users().byUsername(username).map(AuditTarget::user)
                .orElse(AuditTarget.named(null, username.value()));
    }

    private static Optional<Project> workspace(Tx tx, String workspaceId) {
        return workspaceId == null || workspaceId.isBlank() ? Optional.empty() : tx.projects().byId(workspaceId);
    }
}
