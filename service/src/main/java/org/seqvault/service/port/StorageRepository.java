package org.seqvault.service.port;

import java.util.Collection;
import java.util.Map;
import org.seqvault.domain.ProjectStorage;
import org.seqvault.domain.Quota;

/**
 * Projects' quotas and usage. The stored part of the usage follows the file rows in the same
 * transaction (the store keeps it, whatever statement adds or removes a file); the reserved part
 * is what unfinished (OPEN or COMPLETING) upload sessions declared.
 */
public interface StorageRepository {
    /** The project's quota and usage, as one consistent reading. */
    ProjectStorage of(String projectId);

    /** {@link #of} for several projects at once (a listing's page); every id asked for has an entry. */
    Map<String, ProjectStorage> of(Collection<String> projectIds);

    /**
     * Holds the project's storage until the transaction ends, so that transactions deciding whether
     * something fits (a new upload, a copy, a completion) run one after the other and cannot each
     * take the last free bytes. Files being added or removed elsewhere in the project wait too.
     */
    void lock(String projectId);

    void setQuota(String projectId, Quota quota);

    /** What every project's files take together: one sum over the per-project counts, never over files. */
    Totals totals();

    /** File rows (a trashed file counts until it is purged, as for quotas) and their bytes, over all projects. */
    record Totals(long files, long bytes) {
    }
}
