package org.seqvault.service.file;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.AuditDetail;
import org.seqvault.domain.Node;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Scope;
import org.seqvault.domain.UserException;
import org.seqvault.service.audit.AuditSubject;
import org.seqvault.service.audit.AuditTarget;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.htsget.Block;
import org.seqvault.service.htsget.HtsFormat;
import org.seqvault.service.htsget.Ticket;
import org.seqvault.service.htsget.TicketPlanner;
import org.seqvault.service.htsget.TicketPlanner.StoredFile;
import org.seqvault.service.htsget.TicketRequest;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.MetadataStore;

/**
 * GA4GH htsget tickets for BAM, CRAM, VCF and BCF files: the file is found by its id (or a DRS URI
 * naming it) as a reader of its project, or as anyone for a public project's file; the ticket's
 * stored blocks are presigned Range URLs (at S3 itself on S3), valid as long as download links. A
 * ticket hands out links, so it is recorded in the audit trail like a download link.
 */
public final class HtsgetService {
    /** No single URL of a ticket covers more than this: a client retries a failed block, not the whole answer. */
    static final long MAX_BLOCK_BYTES = 1L << 30;

    private final MetadataStore store;
    private final FileService files;
    private final TicketPlanner planner;
    private final AuditTrail audit;

    public HtsgetService(MetadataStore store, FileService files, TicketPlanner planner, AuditTrail audit) {
        this.store = store;
        this.files = files;
        this.planner = planner;
        this.audit = audit;
    }

    public Ticket ticket(DrsCaller caller, String id, TicketRequest request) {
        String fileId = fileId(id);
        if (caller.isAnonymous()) {
            Located found = store.read(tx -> IndexFiles.attach(tx, NodeLookup.publicNode(tx, fileId)));
            Ticket ticket = plan(found, request);
            store.write(tx -> {
                audit.anonymous(tx, caller.origin(), AuditAction.FILE_DOWNLOAD_URL,
                        AuditTarget.node(found.node(), found.project()), detail(request));
                return null;
            });
            return ticket;
        }
        return audit.attempt(caller.principal(), AuditAction.FILE_DOWNLOAD_URL, AuditSubject.node(fileId), attempt -> {
            caller.principal().requireScope(Scope.FILES);
            Located found = store.read(tx -> IndexFiles.attach(tx,
                    NodeLookup.node(tx, caller.principal(), fileId, Permission.READ)));
            Ticket ticket = plan(found, request);
            store.write(tx -> {
                attempt.ok(tx, AuditTarget.node(found.node(), found.project()), detail(request));
                return null;
            });
            return ticket;
        });
    }

    private Ticket plan(Located found, TicketRequest request) {
        Node file = found.node();
        HtsFormat format = formatOf(file, request);
        List<StoredFile> indexes = found.indexFiles().stream().map(HtsgetService::stored).toList();
        List<Block> blocks = planner.plan(format, stored(file), indexes, request);
        return new Ticket(format, urls(file, blocks));
    }

    /** The file's format, which must be of the endpoint's kind and the one asked for (nothing is converted). */
    private static HtsFormat formatOf(Node file, TicketRequest request) {
        if (file.isFolder()) {
            throw new UserException(Problem.UNSUPPORTED_FORMAT, "'" + file.name() + "' is a folder, not a "
                    + (request.dataType() == HtsFormat.DataType.READS ? "BAM or CRAM" : "VCF or BCF") + " file");
        }
        HtsFormat format = HtsFormat.ofFileName(file.name())
                .filter(f -> f.dataType() == request.dataType())
                .orElseThrow(() -> new UserException(Problem.UNSUPPORTED_FORMAT, "'" + file.name() + "' is not "
                        + (request.dataType() == HtsFormat.DataType.READS
                        ? "a BAM (.bam) or CRAM (.cram) file" : "a bgzipped VCF (.vcf.gz) or BCF (.bcf) file")
                        + ", so " + request.dataType().wireName() + " cannot serve it"));
        if (request.format() != null && !request.format().equalsIgnoreCase(format.name())) {
            throw new UserException(Problem.UNSUPPORTED_FORMAT, "'" + file.name() + "' is stored as " + format
                    + " and is served only as " + format + ", not " + request.format());
        }
        return format;
    }

    private List<Ticket.Url> urls(Node file, List<Block> blocks) {
        BlobStore.Presigned ranged = null;
        List<Ticket.Url> urls = new ArrayList<>();
        for (Block b : blocks) {
            switch (b) {
                case Block.Inline inline -> urls.add(new Ticket.Url(
                        "data:;base64," + Base64.getEncoder().encodeToString(inline.bytes()), Map.of(), inline.part()));
                case Block.Stored stored -> {
                    if (ranged == null) {
                        ranged = files.rangeUrl(file);
                    }
                    for (long from = stored.offset(); from < stored.offset() + stored.length(); from += MAX_BLOCK_BYTES) {
                        long to = Math.min(stored.offset() + stored.length(), from + MAX_BLOCK_BYTES) - 1;
                        Map<String, String> headers = new LinkedHashMap<>(ranged.headers());
                        headers.put("Range", "bytes=" + from + "-" + to);
                        urls.add(new Ticket.Url(ranged.url(), headers, stored.part()));
                    }
                }
            }
        }
        return urls;
    }

    /**
     * The file id a request names: the id itself, or a DRS URI ({@code drs://host/id}) of the file,
     * whose last path segment is the id.
     */
    static String fileId(String id) {
        if (id == null || id.isBlank()) {
            throw new UserException(Problem.INVALID_ID, "the file id is required");
        }
        if (!id.regionMatches(true, 0, "drs://", 0, 6)) {
            return id;
        }
        String path;
        try {
            path = URI.create(id).getPath();
        } catch (IllegalArgumentException e) {
            throw new UserException(Problem.INVALID_ID, "'" + id + "' is not a DRS URI (drs://host/id)");
        }
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new UserException(Problem.INVALID_ID, "'" + id + "' is not a DRS URI of this server (drs://host/id)");
        }
        return path.substring(1);
    }

    private static AuditDetail detail(TicketRequest request) {
        AuditDetail detail = AuditDetail.of().put("via", "htsget");
        if (request.headerOnly()) {
            detail.put("class", "header");
        }
        if (!request.regions().isEmpty()) {
            detail.put("regions", (long) request.regions().size());
        }
        return detail;
    }

    private static StoredFile stored(Node n) {
        return new StoredFile(n.name(), n.blobId(), n.size());
    }
}
