package org.seqvault.service.audit;

import org.seqvault.domain.Node;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Token;
import org.seqvault.domain.User;

/**
 * What an audit record is about: the project it touched (when there is one) and, in or beside
 * it, the thing changed, by id and by the path or name it had then. Any part may be unknown (null).
 *
 * @param projectId the workspace id ("ws_…")
 * @param project   the project's owner/slug
 * @param id        the id of the file, folder, project, token or user
 * @param name      its path (a file's or folder's key), or its name
 */
public record AuditTarget(String projectId, String project, String id, String name) {
    public static final AuditTarget NONE = new AuditTarget(null, null, null, null);

    /** A file or folder, named by its key (its path in the project); a project's root folder by "/". */
    public static AuditTarget node(Node node, ProjectRef project) {
        return new AuditTarget(node.projectId(), project.id(), node.id(), node.isRoot() ? "/" : node.key());
    }

    public static AuditTarget project(Project project) {
        return new AuditTarget(project.id(), project.ref().id(), project.id(), project.name());
    }

    /** Something inside a project that is not a node (a member, a key nothing is at). */
    public static AuditTarget inProject(Project project, String id, String name) {
        return new AuditTarget(project.id(), project.ref().id(), id, name);
    }

    /** A token, named by whose it is. */
    public static AuditTarget token(Token token, User owner) {
        return new AuditTarget(null, null, token.id(), owner == null ? null : owner.username().value());
    }

    public static AuditTarget user(User user) {
        return new AuditTarget(null, null, user.id(), user.username().value());
    }

    /** Only what the request named, when nothing is known of it. */
    public static AuditTarget named(String id, String name) {
        return new AuditTarget(null, null, id, name);
    }
}
