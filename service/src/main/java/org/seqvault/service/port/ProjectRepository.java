package org.seqvault.service.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seqvault.domain.Member;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectDetails;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Username;

public interface ProjectRepository {
    /** Inserts a project; false (and nothing changed) when owner/slug or the id is taken. */
    boolean insert(Project project);

    Optional<Project> byId(String id);

    Optional<Project> byRef(ProjectRef ref);

    /**
     * Holds the project until the transaction ends, so that transactions deciding on the project's
     * members as a whole (is anyone else still an admin?) run one after the other and cannot each
     * remove one of the last two admins.
     */
    void lock(String id);

    boolean slugTaken(Username owner, String slug);

    /** Name, description, public flag and modifiedAt. */
    void update(Project project);

    /** Deletes the project with its whole tree, noting the tree's blobs for the collector ({@link BlobRepository#noteReclaimable}). */
    void delete(String id);

    /**
     * Projects the user can read (member, owner, or public), ordered by owner/slug;
     * every project when {@code userId} is null (an admin).
     */
    default List<Project> listReadable(String userId, int offset, int limit) {
        return listReadable(userId, ProjectFilter.ALL, offset, limit);
    }

    default long countReadable(String userId) {
        return countReadable(userId, ProjectFilter.ALL);
    }

    /** As {@link #listReadable(String, int, int)}, only the projects {@code filter} matches. */
    List<Project> listReadable(String userId, ProjectFilter filter, int offset, int limit);

    long countReadable(String userId, ProjectFilter filter);

    /** The tags and settings of each of the projects (those that exist), by project id. */
    Map<String, ProjectDetails> details(List<String> projectIds);

    /** Replaces a project's tags and settings. */
    void putDetails(String projectId, ProjectDetails details);

    /**
     * As {@link #listReadable}, but the page after the project {@code after} (from the start when
     * null) instead of at an offset: a keyset page, so projects created or deleted meanwhile
     * neither repeat nor skip others.
     */
    List<Project> listReadableAfter(String userId, ProjectRef after, int limit);

    /** The user's own permissions in the project (membership only; not the public flag). */
    Optional<Permissions> permissions(String projectId, String userId);

    List<Member> members(String projectId);

    /** One page of the project's members, ordered by username. */
    List<Member> members(String projectId, int offset, int limit);

    long countMembers(String projectId);

    /** Adds or replaces a membership. */
    void putMember(String projectId, String userId, Permissions permissions);

    boolean deleteMember(String projectId, String userId);
}
