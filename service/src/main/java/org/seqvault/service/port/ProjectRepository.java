package org.seqvault.service.port;

import java.util.List;
import java.util.Optional;
import org.seqvault.domain.Member;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Username;

public interface ProjectRepository {
    /** Inserts a project; false (and nothing changed) when owner/slug or the id is taken. */
    boolean insert(Project project);

    Optional<Project> byId(String id);

    Optional<Project> byRef(ProjectRef ref);

    boolean slugTaken(Username owner, String slug);

    /** Name, description, public flag and modifiedAt. */
    void update(Project project);

    /** Deletes the project with its whole tree, noting the tree's blobs for the collector ({@link BlobRepository#noteReclaimable}). */
    void delete(String id);

    /**
     * Projects the user can read (member, owner, or public), ordered by owner/slug;
     * every project when {@code userId} is null (an admin).
     */
    List<Project> listReadable(String userId, int offset, int limit);

    long countReadable(String userId);

    /** The user's own permissions in the project (membership only; not the public flag). */
    Optional<Permissions> permissions(String projectId, String userId);

    List<Member> members(String projectId);

    /** Adds or replaces a membership. */
    void putMember(String projectId, String userId, Permissions permissions);

    boolean deleteMember(String projectId, String userId);
}
