package org.seqvault.service.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.AuditDetail;
import org.seqvault.domain.Member;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.Node;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectDetails;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Scope;
import org.seqvault.domain.Tags;
import org.seqvault.domain.User;
import org.seqvault.domain.UserException;
import org.seqvault.domain.Username;
import org.seqvault.service.audit.AuditSubject;
import org.seqvault.service.audit.AuditTarget;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.port.ProjectFilter;
import org.seqvault.service.support.Cursors;
import org.seqvault.service.support.Page;

/** Projects (v1: workspaces) and their members. Every change is recorded in the audit trail. */
public final class ProjectService {
    private static final int MAX_NAME = 255;
    private static final int MAX_DESCRIPTION = 10_000;

    private final MetadataStore store;
    private final Clock clock;
    private final IdGenerator ids;
    private final AuditTrail audit;

    public ProjectService(MetadataStore store, Clock clock, IdGenerator ids, AuditTrail audit) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.audit = audit;
    }

    /** Creates a project owned by the caller, with its root folder and the owner's membership. */
    public Project create(Principal caller, String name, String description, boolean isPublic) {
        return create(caller, name, description, isPublic, ProjectDetails.NONE);
    }

    /** As {@link #create(Principal, String, String, boolean)}, with tags and settings. */
    public Project create(Principal caller, String name, String description, boolean isPublic, ProjectDetails details) {
        return audit.attempt(caller, List.of(AuditAction.PROJECT_CREATE), AuditSubject.NONE,
                AuditDetail.of().put("name", name).put("public", isPublic),
                attempt -> create(caller, name, description, isPublic, details, attempt));
    }

    private Project create(Principal caller, String name, String description, boolean isPublic,
                           ProjectDetails details, AuditTrail.Attempt attempt) {
        caller.requireScope(Scope.PROJECTS);
        String cleanName = checkName(name);
        checkDescription(description);
        return store.write(tx -> {
            Username owner = caller.user().username();
            String base = ProjectRef.slugOf(cleanName);
            String slug = base;
            for (int n = 2; tx.projects().slugTaken(owner, slug); n++) {
                slug = base + "-" + n;
            }
            var now = clock.now();
            String rootId = ids.objectId();
            Project project = new Project(ids.prefixed("ws_"), new ProjectRef(owner, slug), rootId, cleanName,
                    description, owner.value(), isPublic, now, now);
            if (!tx.projects().insert(project)) {
                throw new IllegalStateException("project id or slug collided: " + project.ref());
            }
            tx.nodes().insert(new Node(rootId, project.id(), null, slug, NodeType.FOLDER, "", null, 0, null,
                    null, null, null, null, null, now, now));
            tx.projects().putMember(project.id(), caller.userId(), Permissions.ALL);
            if (!details.equals(ProjectDetails.NONE)) {
                tx.projects().putDetails(project.id(), details);
            }
            attempt.ok(tx, AuditTarget.project(project), AuditDetail.of().put("public", isPublic)
                    .put("tags", details.tags().values()));
            return project;
        });
    }

    /** A project the caller can read, by its owner/slug id. */
    public Project get(Principal caller, ProjectRef ref) {
        return store.read(tx -> readable(tx, caller, ref));
    }

    /** A project the caller can read, by its workspace id. */
    public Project byWorkspace(Principal caller, String workspaceId) {
        return store.read(tx -> readableWorkspace(tx, caller, workspaceId));
    }

    public Permissions permissions(Principal caller, Project project) {
        return store.read(tx -> Access.of(tx, caller, project));
    }

    public Page<Project> list(Principal caller, int offset, int limit) {
        return list(caller, ProjectFilter.ALL, offset, limit);
    }

    /** One page of the projects the caller can read that {@code filter} matches, and how many match. */
    public Page<Project> list(Principal caller, ProjectFilter filter, int offset, int limit) {
        String userId = caller.isAdmin() ? null : caller.userId();
        return store.read(tx -> new Page<>(tx.projects().listReadable(userId, filter, offset, limit),
                tx.projects().countReadable(userId, filter)));
    }

    /**
     * The tags and settings of projects the caller was given by this service (so may read), by
     * project id, for showing them.
     */
    public Map<String, ProjectDetails> details(List<Project> projects) {
        List<String> ids = projects.stream().map(Project::id).toList();
        return ids.isEmpty() ? Map.of() : store.read(tx -> tx.projects().details(ids));
    }

    public ProjectDetails details(Project project) {
        return details(List.of(project)).getOrDefault(project.id(), ProjectDetails.NONE);
    }

    /**
     * Projects the caller can read, by id (owner/slug), continuing after {@code cursor}: the v1
     * workspace listing, paged by key like the v1 file listing.
     */
    public WorkspaceListing listAfter(Principal caller, String cursor, int limit) {
        ProjectRef after = cursor == null || cursor.isEmpty() ? null : cursorRef(cursor);
        String userId = caller.isAdmin() ? null : caller.userId();
        return store.read(tx -> {
            List<Project> rows = tx.projects().listReadableAfter(userId, after, limit + 1);
            boolean more = rows.size() > limit;
            List<Project> page = more ? rows.subList(0, limit) : rows;
            return new WorkspaceListing(page, more ? Cursors.encode(page.getLast().ref().id()) : null);
        });
    }

    private static ProjectRef cursorRef(String cursor) {
        try {
            return ProjectRef.parse(Cursors.decode(cursor));
        } catch (UserException e) {
            throw Cursors.invalid();
        }
    }

    public Project update(Principal caller, ProjectRef ref, String name, String description, Boolean isPublic) {
        return update(caller, ref, name, description, isPublic, null, null);
    }

    /**
     * Changes what is given (null: kept): name, description, public flag, the tags (replaced) and
     * the settings ({@code settingsChange} turns the stored ones into the new ones).
     */
    public Project update(Principal caller, ProjectRef ref, String name, String description, Boolean isPublic,
                          List<String> tags, UnaryOperator<String> settingsChange) {
        AuditDetail asked = AuditDetail.of().put("name", name).put("description_given", description != null);
        if (isPublic != null) {
            asked.put("public", isPublic);
        }
        asked.put("tags", tags).put("settings_given", settingsChange != null);
        return audit.attempt(caller, List.of(AuditAction.PROJECT_UPDATE), AuditSubject.project(ref), asked,
                attempt -> update(caller, ref, name, description, isPublic, tags, settingsChange, attempt));
    }

    private Project update(Principal caller, ProjectRef ref, String name, String description, Boolean isPublic,
                           List<String> tags, UnaryOperator<String> settingsChange, AuditTrail.Attempt attempt) {
        caller.requireScope(Scope.PROJECTS);
        String cleanName = name == null ? null : checkName(name);
        checkDescription(description);
        Tags newTags = tags == null ? null : new Tags(tags);
        return store.write(tx -> {
            Project p = readable(tx, caller, ref);
            Access.require(tx, caller, p, Permission.ADMIN);
            ProjectDetails stored = tx.projects().details(List.of(p.id())).getOrDefault(p.id(), ProjectDetails.NONE);
            ProjectDetails details = new ProjectDetails(newTags == null ? stored.tags() : newTags,
                    settingsChange == null ? stored.settingsJson() : settingsChange.apply(stored.settingsJson()));
            if (!details.equals(stored)) {
                tx.projects().putDetails(p.id(), details);
            }
            Project updated = new Project(p.id(), p.ref(), p.rootFolderId(), cleanName == null ? p.name() : cleanName,
                    description == null ? p.description() : description, p.createdBy(),
                    isPublic == null ? p.isPublic() : isPublic, p.createdAt(), clock.now());
            tx.projects().update(updated);
            attempt.ok(tx, AuditTarget.project(updated), AuditDetail.of()
                    .change("name", p.name(), updated.name())
                    .change("public", p.isPublic(), updated.isPublic())
                    .put("description_changed", !Objects.equals(p.description(), updated.description()))
                    .change("tags", stored.tags().values(), details.tags().values())
                    .put("settings_changed", !stored.settingsJson().equals(details.settingsJson())));
            return updated;
        });
    }

    /** Deletes an empty project; a project with files or folders is a conflict. */
    public void delete(Principal caller, ProjectRef ref) {
        audit.attempt(caller, AuditAction.PROJECT_DELETE, AuditSubject.project(ref), attempt -> {
            delete(caller, ref, attempt);
            return null;
        });
    }

    private void delete(Principal caller, ProjectRef ref, AuditTrail.Attempt attempt) {
        caller.requireScope(Scope.PROJECTS);
        store.write(tx -> {
            Project p = readable(tx, caller, ref);
            Access.require(tx, caller, p, Permission.ADMIN);
            // Every node of a project sits below its root, so this is the emptiness test, in O(1).
            if (tx.nodes().hasChildren(p.rootFolderId())) {
                throw new UserException(Problem.PROJECT_NOT_EMPTY,
                        "project '" + ref + "' still has files or folders; delete them first");
            }
            for (Member m : tx.projects().members(p.id())) {
                tx.projects().deleteMember(p.id(), m.userId());
            }
            tx.nodes().delete(p.rootFolderId());
            tx.projects().delete(p.id());
            attempt.ok(tx, AuditTarget.project(p), null);
            return null;
        });
    }

    public List<Member> members(Principal caller, ProjectRef ref) {
        return store.read(tx -> {
            Project p = readable(tx, caller, ref);
            return tx.projects().members(p.id());
        });
    }

    /** One page of the members of a project the caller can read, by username, and how many there are. */
    public Page<Member> members(Principal caller, ProjectRef ref, int offset, int limit) {
        return store.read(tx -> {
            Project p = readable(tx, caller, ref);
            return new Page<>(tx.projects().members(p.id(), offset, limit), tx.projects().countMembers(p.id()));
        });
    }

    public Member member(Principal caller, ProjectRef ref, Username username) {
        return store.read(tx -> {
            Project p = readable(tx, caller, ref);
            return findMember(tx, p, username);
        });
    }

    /**
     * Adds a member (create=true; an existing member is a conflict) or changes one (create=false).
     * Taking admin from the project's last admin is a conflict.
     */
    public Member putMember(Principal caller, ProjectRef ref, Username username, Permissions perms, boolean create) {
        AuditAction action = create ? AuditAction.MEMBER_ADD : AuditAction.MEMBER_UPDATE;
        return audit.attempt(caller, List.of(action), AuditSubject.member(ref, username),
                AuditDetail.of().put("permissions", names(perms)),
                attempt -> putMember(caller, ref, username, perms, create, attempt));
    }

    private Member putMember(Principal caller, ProjectRef ref, Username username, Permissions perms, boolean create,
                             AuditTrail.Attempt attempt) {
        caller.requireScope(Scope.PROJECTS);
        return store.write(tx -> {
            Project p = readable(tx, caller, ref);
            Access.require(tx, caller, p, Permission.ADMIN);
            User user = tx.users().byUsername(username)
                    .orElseThrow(() -> new UserException(Problem.USER_NOT_FOUND, "no user '" + username + "'"));
            tx.projects().lock(p.id());
            Optional<Permissions> current = tx.projects().permissions(p.id(), user.id());
            if (create && current.isPresent()) {
                throw new UserException(Problem.MEMBER_EXISTS, "'" + username + "' is already a member");
            }
            if (!create && current.isEmpty()) {
                throw new UserException(Problem.MEMBER_NOT_FOUND, "'" + username + "' is not a member");
            }
            if (current.isPresent() && current.get().admin() && !perms.admin()) {
                requireAnotherAdmin(tx, p, user.id(), username, "take the admin permission from");
            }
            tx.projects().putMember(p.id(), user.id(), perms);
            attempt.ok(tx, AuditTarget.inProject(p, user.id(), username.value()), AuditDetail.of()
                    .change("permissions", current.map(ProjectService::names).orElse(null), names(perms)));
            return new Member(p.id(), user.id(), username, perms);
        });
    }

    public void removeMember(Principal caller, ProjectRef ref, Username username) {
        audit.attempt(caller, AuditAction.MEMBER_REMOVE, AuditSubject.member(ref, username), attempt -> {
            removeMember(caller, ref, username, attempt);
            return null;
        });
    }

    private void removeMember(Principal caller, ProjectRef ref, Username username, AuditTrail.Attempt attempt) {
        caller.requireScope(Scope.PROJECTS);
        store.write(tx -> {
            Project p = readable(tx, caller, ref);
            Access.require(tx, caller, p, Permission.ADMIN);
            tx.projects().lock(p.id());
            Member m = findMember(tx, p, username);
            if (m.permissions().admin()) {
                requireAnotherAdmin(tx, p, m.userId(), username, "remove");
            }
            tx.projects().deleteMember(p.id(), m.userId());
            attempt.ok(tx, AuditTarget.inProject(p, m.userId(), username.value()),
                    AuditDetail.of().put("permissions", names(m.permissions())));
            return null;
        });
    }

    /** Permissions as the audit trail shows them: the names of those granted, e.g. [read, write]. */
    private static List<String> names(Permissions perms) {
        List<String> names = new ArrayList<>();
        for (Permission p : Permission.values()) {
            if (perms.allows(p)) {
                names.add(p.name().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * A project nobody administers can no longer have its members or settings changed by its own
     * users, so the last member with the admin permission keeps it until someone else has it.
     * Callers lock the project first: two admins demoting each other at once must not both pass.
     */
    private static void requireAnotherAdmin(Tx tx, Project p, String userId, Username username, String action) {
        boolean another = tx.projects().members(p.id()).stream()
                .anyMatch(m -> m.permissions().admin() && !m.userId().equals(userId));
        if (!another) {
            throw new UserException(Problem.LAST_ADMIN, "cannot " + action + " '" + username
                    + "': they are the last admin of project '" + p.ref() + "'; give another member the admin"
                    + " permission first");
        }
    }

    /** The project {@code ref} names, if the caller may read it; else not found (no existence leak). */
    public static Project readable(Tx tx, Principal caller, ProjectRef ref) {
        Project p = tx.projects().byRef(ref).orElseThrow(() -> Access.notFound(ref.id()));
        if (!Access.of(tx, caller, p).read()) {
            throw Access.notFound(ref.id());
        }
        return p;
    }

    static Project readableWorkspace(Tx tx, Principal caller, String workspaceId) {
        if (workspaceId == null || workspaceId.isEmpty()) {
            throw UserException.invalid("workspace_id is required");
        }
        Project p = tx.projects().byId(workspaceId).orElseThrow(() -> Access.notFound(workspaceId));
        if (!Access.of(tx, caller, p).read()) {
            throw Access.notFound(workspaceId);
        }
        return p;
    }

    private static Member findMember(Tx tx, Project p, Username username) {
        return tx.projects().members(p.id()).stream()
                .filter(m -> m.username().equals(username))
                .findFirst()
                .orElseThrow(() -> new UserException(Problem.MEMBER_NOT_FOUND, "'" + username + "' is not a member"));
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw UserException.invalid("name is required");
        }
        String n = name.strip();
        if (n.length() > MAX_NAME || n.chars().anyMatch(c -> c < 0x20)) {
            throw UserException.invalid("name must be 1.." + MAX_NAME + " characters without control characters");
        }
        return n;
    }

    private static void checkDescription(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw UserException.invalid("description is longer than " + MAX_DESCRIPTION + " characters");
        }
    }
}
