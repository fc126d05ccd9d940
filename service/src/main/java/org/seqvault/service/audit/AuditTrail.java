package org.seqvault.service.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.AuditDetail;
import org.seqvault.domain.AuditOutcome;
import org.seqvault.domain.AuditRecord;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Origin;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.MetadataStore.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit trail. A change is recorded in its own transaction ({@link Attempt#ok}), so
 * no change is committed without its record and no record outlives a change rolled back. A
 * refused or failed attempt leaves nothing of the change, so its record is written afterwards in
 * a transaction of its own ({@link #attempt}).
 */
public final class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    /** Records deleted per transaction when pruning: few enough that writers queued behind it wait little. */
    public static final int PRUNE_BATCH = 1000;
    /** Characters kept of a name a request gave (a target, a username); a record stays small. */
    static final int MAX_NAME = 1024;

    private final MetadataStore store;
    private final Clock clock;
    private final IdGenerator ids;
    private final int pruneBatch;

    public AuditTrail(MetadataStore store, Clock clock, IdGenerator ids) {
        this(store, clock, ids, PRUNE_BATCH);
    }

    /** @param pruneBatch records deleted per transaction when pruning */
    public AuditTrail(MetadataStore store, Clock clock, IdGenerator ids, int pruneBatch) {
        if (pruneBatch < 1) {
            throw new IllegalArgumentException("pruneBatch must be at least 1: " + pruneBatch);
        }
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.pruneBatch = pruneBatch;
    }

    /** As {@link #attempt(Principal, List, AuditSubject, AuditDetail, Function)} for one action and no detail. */
    public <T> T attempt(Principal caller, AuditAction action, AuditSubject subject, Function<Attempt, T> change) {
        return attempt(caller, List.of(action), subject, null, change);
    }

    /**
     * Runs one audited change. {@code change} does the work and records what it changed with
     * {@link Attempt#ok} inside its write transaction; an attempt that changes nothing records
     * nothing. When it throws, one record per action in {@code actions} says so, with the outcome
     * and problem of the refusal, about what {@code subject} finds, with {@code asked} (what the
     * request wanted, e.g. the new name) as detail; then the exception goes on unchanged.
     */
    public <T> T attempt(Principal caller, List<AuditAction> actions, AuditSubject subject, AuditDetail asked,
                         Function<Attempt, T> change) {
        Attempt attempt = new Attempt(caller, actions.isEmpty() ? null : actions.get(0));
        try {
            return change.apply(attempt);
        } catch (UserException e) {
            refused(caller, actions, subject, asked, AuditOutcome.of(e.kind()), e.problem(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            refused(caller, actions, subject, asked, AuditOutcome.ERROR, null, null);
            throw e;
        }
    }

    /** Records, in {@code tx}, a change the server made on its own (the first admin and token, at bootstrap). */
    public void bySystem(Tx tx, AuditAction action, AuditTarget target, AuditDetail detail) {
        tx.audit().insert(record(null, action, AuditOutcome.OK, null, target, detail));
    }

    /**
     * Records, in {@code tx}, what {@code caller} did outside a request's attempt: an async job's
     * item, done by a runner in the transaction that does it, on behalf of whoever submitted the job.
     */
    public void done(Tx tx, Principal caller, AuditAction action, AuditTarget target, AuditDetail detail) {
        tx.audit().insert(record(caller, action, AuditOutcome.OK, null, target, detail));
    }

    /**
     * Records, in {@code tx}, that {@code caller}'s {@code action} on {@code subject} was refused with
     * {@code e}: an async job's failed item, recorded in the transaction that marks it failed.
     */
    public void refused(Tx tx, Principal caller, AuditAction action, AuditSubject subject, AuditDetail asked,
                        UserException e) {
        AuditDetail detail = AuditDetail.of().with(asked).put("message", e.getMessage());
        tx.audit().insert(record(caller, action, AuditOutcome.of(e.kind()), e.problem(), subject.resolve(tx), detail));
    }

    /**
     * Records, in {@code tx}, something handed out to a caller without a token (a download link to a
     * file of a public project): no user, but the request and the client address it came from.
     */
    public void anonymous(Tx tx, Origin origin, AuditAction action, AuditTarget target, AuditDetail detail) {
        AuditTarget t = target == null ? AuditTarget.NONE : target;
        tx.audit().insert(new AuditRecord(ids.prefixed("aud_"), clock.now(), action.wireName(),
                AuditOutcome.OK.wireName(), null, null, null, null, origin.requestId(), origin.clientAddress(),
                t.projectId(), t.project(), clip(t.id()), clip(t.name()), detail == null ? null : detail.json()));
    }

    /**
     * Deletes the records older than {@code retention}, a batch per transaction, until none is left;
     * returns how many it deleted.
     */
    public long prune(Duration retention) {
        Instant cutoff = clock.now().minus(retention);
        long deleted = 0;
        while (true) {
            int n = store.write(tx -> tx.audit().deleteBefore(cutoff, pruneBatch));
            deleted += n;
            if (n < pruneBatch) {
                return deleted;
            }
        }
    }

    /** One audited change in progress: what it records goes into the change's own transaction. */
    public final class Attempt {
        private final Principal caller;
        private final AuditAction action;

        private Attempt(Principal caller, AuditAction action) {
            this.caller = caller;
            this.action = action;
        }

        /** Records the attempt's (first) action as done, in {@code tx}, the transaction that does it. */
        public void ok(Tx tx, AuditTarget target, AuditDetail detail) {
            ok(tx, action, target, detail);
        }

        /** Records {@code done} as done, in {@code tx}, the transaction that does it. */
        public void ok(Tx tx, AuditAction done, AuditTarget target, AuditDetail detail) {
            tx.audit().insert(record(caller, done, AuditOutcome.OK, null, target, detail));
        }
    }

    private void refused(Principal caller, List<AuditAction> actions, AuditSubject subject, AuditDetail asked,
                         AuditOutcome outcome, Problem problem, String message) {
        if (actions.isEmpty()) {
            return; // a read (a bulk get) refused as a whole: nothing to record
        }
        AuditDetail detail = AuditDetail.of().with(asked).put("message", message);
        try {
            store.write(tx -> {
                AuditTarget target = subject.resolve(tx);
                for (AuditAction a : actions) {
                    tx.audit().insert(record(caller, a, outcome, problem, target, detail));
                }
                return null;
            });
        } catch (RuntimeException e) {
            // The caller hears of the refusal either way; the operator hears of the missing record here.
            LOG.warn("could not record a refused {} (request {}) in the audit trail", actions,
                    caller == null ? "-" : caller.origin().requestId(), e);
        }
    }

    private AuditRecord record(Principal caller, AuditAction action, AuditOutcome outcome, Problem problem,
                               AuditTarget target, AuditDetail detail) {
        AuditTarget t = target == null ? AuditTarget.NONE : target;
        return new AuditRecord(ids.prefixed("aud_"), clock.now(), action.wireName(), outcome.wireName(),
                problem == null ? null : problem.name().toLowerCase(Locale.ROOT),
                caller == null ? null : caller.userId(),
                caller == null ? null : caller.user().username().value(),
                caller == null ? null : caller.token().id(),
                caller == null ? null : caller.origin().requestId(),
                caller == null ? null : caller.origin().clientAddress(),
                t.projectId(), t.project(), clip(t.id()), clip(t.name()), detail == null ? null : detail.json());
    }

    private static String clip(String s) {
        if (s == null || s.length() <= MAX_NAME) {
            return s;
        }
        // Never cut a surrogate pair in two.
        return s.substring(0, Character.isHighSurrogate(s.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME) + "…";
    }
}
