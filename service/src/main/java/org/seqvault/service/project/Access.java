package org.seqvault.service.project;

import org.seqvault.domain.Permissions;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Project;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.MetadataStore.Tx;

/**
 * What a caller may do in a project: their membership, plus read and copy on public
 * projects; admin tokens may do everything. A project the caller cannot read is reported as
 * not found, so its existence does not leak.
 */
public final class Access {
    private Access() {
    }

    public static Permissions of(Tx tx, Principal caller, Project project) {
        if (caller.isAdmin()) {
            return Permissions.ALL;
        }
        Permissions own = tx.projects().permissions(project.id(), caller.userId()).orElse(Permissions.NONE);
        return project.isPublic() ? own.union(Permissions.READ_COPY) : own;
    }

    /** What a caller without any token may do: read the files of public projects, nothing else. */
    public static Permissions anonymous(Project project) {
        return project.isPublic() ? Permissions.READ_ONLY : Permissions.NONE;
    }

    /** Throws PROJECT_NOT_FOUND without read access and FORBIDDEN without the needed permission. */
    public static void require(Tx tx, Principal caller, Project project, Permission needed) {
        require(tx, caller, project, needed, project.ref().id());
    }

    /**
     * As {@link #require(Tx, Principal, Project, Permission)}, but a project the caller cannot read
     * is reported under {@code askedAs}, the id the caller addressed it by: answering a workspace id
     * with the project's owner/slug would tell a stranger whose it is and what it is called.
     */
    public static void require(Tx tx, Principal caller, Project project, Permission needed, String askedAs) {
        Permissions perms = of(tx, caller, project);
        if (!perms.read()) {
            throw notFound(askedAs);
        }
        requireAllowed(perms, project, needed);
    }

    /** FORBIDDEN unless {@code perms}, already looked up and known to include read, allow {@code needed}. */
    public static void requireAllowed(Permissions perms, Project project, Permission needed) {
        if (!perms.allows(needed)) {
            throw new UserException(Problem.FORBIDDEN,
                    "you need the '" + needed.name().toLowerCase(java.util.Locale.ROOT)
                            + "' permission in project '" + project.ref().id() + "'");
        }
    }

    public static UserException notFound(String projectId) {
        return new UserException(Problem.PROJECT_NOT_FOUND, "project '" + projectId + "' not found");
    }
}
