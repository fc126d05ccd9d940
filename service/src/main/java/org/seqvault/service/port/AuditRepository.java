package org.seqvault.service.port;

import java.time.Instant;
import java.util.List;
import org.seqvault.domain.AuditRecord;

/** The audit trail's records: written beside the changes they record, read newest first. */
public interface AuditRepository {

    /**
     * Which records a listing wants; null means any.
     *
     * @param action      one action's wire name ({@code file.delete}), or with {@code actionGroup} true a
     *                    group's name ({@code file}) standing for all of its actions
     * @param since       inclusive
     * @param until       exclusive
     */
    record Query(String projectId, String userId, String action, boolean actionGroup, Instant since, Instant until) {
        public static final Query ALL = new Query(null, null, null, false, null, null);

        public Query inProject(String id) {
            return new Query(id, userId, action, actionGroup, since, until);
        }
    }

    /** Where a page of the newest-first listing ended: its last record's time and id. */
    record Cursor(Instant at, String id) {
    }

    void insert(AuditRecord record);

    /** Up to {@code limit} records matching {@code query}, newest first, strictly after {@code after} (null: from the newest). */
    List<AuditRecord> query(Query query, Cursor after, int limit);

    /** Deletes up to {@code limit} of the oldest records written before {@code cutoff}; returns how many. */
    int deleteBefore(Instant cutoff, int limit);
}
