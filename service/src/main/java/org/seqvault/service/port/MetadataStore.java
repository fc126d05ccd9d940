package org.seqvault.service.port;

import java.util.function.Function;

/**
 * The metadata database. Every unit of work runs in one transaction: {@link #write} commits
 * when the function returns and rolls back when it throws; {@link #read} sees one consistent
 * snapshot and must not write.
 */
public interface MetadataStore extends AutoCloseable {

    <T> T read(Function<Tx, T> work);

    /**
     * A read of exactly one statement: a statement sees one snapshot by itself, so it may run without
     * a transaction of its own (what a store saves by that: the begin and commit round trips).
     * By default, {@link #read}.
     */
    default <T> T readOneStatement(Function<Tx, T> work) {
        return read(work);
    }

    <T> T write(Function<Tx, T> work);

    @Override
    void close();

    /** The repositories, all bound to the same transaction. */
    interface Tx {
        UserRepository users();

        TokenRepository tokens();

        ProjectRepository projects();

        NodeRepository nodes();

        UploadRepository uploads();

        BlobRepository blobs();

        TrashRepository trash();

        AuditRepository audit();

        StorageRepository storage();

        JobRepository jobs();
        ExtractionRepository extractions();
    }
}
