package org.seqvault.service.project;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.ProjectStorage;
import org.seqvault.domain.Quota;
import org.seqvault.domain.Scope;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.MetadataStore;

/**
 * Project quotas, set by administrators, and what projects hold. Enforcement is {@link Quotas},
 * inside the transactions that add files.
 */
public final class QuotaService {
    private final MetadataStore store;

    public QuotaService(MetadataStore store) {
        this.store = store;
    }

    /** A project's quota and usage, for an administrator (admin scope). */
    public ProjectStorage get(Principal caller, ProjectRef ref) {
        caller.requireScope(Scope.ADMIN);
        return store.read(tx -> tx.storage().of(ProjectService.readable(tx, caller, ref).id()));
    }

    /**
     * Changes a project's quota (admin scope) and returns its storage. A quota below what the
     * project holds is allowed: nothing more can be added until enough is deleted.
     */
    public ProjectStorage set(Principal caller, ProjectRef ref, UnaryOperator<Quota> change) {
        caller.requireScope(Scope.ADMIN);
        return store.write(tx -> {
            String projectId = ProjectService.readable(tx, caller, ref).id();
            tx.storage().lock(projectId);
            tx.storage().setQuota(projectId, change.apply(tx.storage().of(projectId).quota()));
            return tx.storage().of(projectId);
        });
    }

    /**
     * The storage of projects the caller was just given by {@link ProjectService} (which decided
     * they may read them), by project id; one query for a whole page.
     */
    public Map<String, ProjectStorage> of(List<Project> projects) {
        List<String> ids = projects.stream().map(Project::id).toList();
        return ids.isEmpty() ? Map.of() : store.read(tx -> tx.storage().of(ids));
    }

    /** {@link #of(List)} for one project. */
    public ProjectStorage of(Project project) {
        return store.read(tx -> tx.storage().of(project.id()));
    }
}
