package org.seqvault.store.sql;

import org.jdbi.v3.core.Handle;
import org.seqvault.service.port.AuditRepository;
import org.seqvault.service.port.BlobRepository;
import org.seqvault.service.port.JobRepository;
import org.seqvault.service.port.ExtractionRepository;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.NodeRepository;
import org.seqvault.service.port.ProjectRepository;
import org.seqvault.service.port.StorageRepository;
import org.seqvault.service.port.TokenRepository;
import org.seqvault.service.port.TrashRepository;
import org.seqvault.service.port.UploadRepository;
import org.seqvault.service.port.UserRepository;

/** The repositories of one transaction, all on the same handle. */
final class SqlTx implements MetadataStore.Tx {
    private final UserRepository users;
    private final TokenRepository tokens;
    private final ProjectRepository projects;
    private final NodeRepository nodes;
    private final UploadRepository uploads;
    private final BlobRepository blobs;
    private final TrashRepository trash;
    private final AuditRepository audit;
    private final StorageRepository storage;
    private final JobRepository jobs;
    private final ExtractionRepository extractions;

    SqlTx(Handle handle, Dialect dialect) {
        this.users = new SqlUserRepository(handle);
        this.tokens = new SqlTokenRepository(handle);
        this.projects = new SqlProjectRepository(handle, dialect);
        this.nodes = new SqlNodeRepository(handle, dialect);
        this.uploads = new SqlUploadRepository(handle, dialect);
        this.blobs = new SqlBlobRepository(handle);
        this.trash = new SqlTrashRepository(handle, dialect);
        this.audit = new SqlAuditRepository(handle);
        this.storage = new SqlStorageRepository(handle, dialect);
        this.jobs = new SqlJobRepository(handle);
        this.extractions = new SqlExtractionRepository(handle);
    }

    @Override
    public UserRepository users() {
        return users;
    }

    @Override
    public TokenRepository tokens() {
        return tokens;
    }

    @Override
    public ProjectRepository projects() {
        return projects;
    }

    @Override
    public NodeRepository nodes() {
        return nodes;
    }

    @Override
    public UploadRepository uploads() {
        return uploads;
    }

    @Override
    public BlobRepository blobs() {
        return blobs;
    }

    @Override
    public TrashRepository trash() {
        return trash;
    }

    @Override
    public AuditRepository audit() {
        return audit;
    }

    @Override
    public StorageRepository storage() {
        return storage;
    }

    @Override
    public JobRepository jobs() {
        return jobs;
    }

    @Override
    public ExtractionRepository extractions() {
        return extractions;
    }
}
