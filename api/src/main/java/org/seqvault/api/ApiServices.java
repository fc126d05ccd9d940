package org.seqvault.api;

import org.seqvault.service.audit.AuditLog;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.file.FileJobService;
import org.seqvault.service.file.DrsService;
import org.seqvault.service.extract.MetadataExtraction;
import org.seqvault.service.file.FileService;
import org.seqvault.service.file.HtsgetService;
import org.seqvault.service.file.NamespaceService;
import org.seqvault.service.file.TrashService;
import org.seqvault.service.limit.RateLimiter;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.Clock;
import org.seqvault.service.presign.UrlSigner;
import org.seqvault.service.project.ProjectService;
import org.seqvault.service.project.QuotaService;
import org.seqvault.service.upload.UploadService;

/**
 * What the HTTP adapters call. {@code rateLimiter} counts requests per token, {@code authFailures}
 * failed authentications per client address. {@code publicUrl} is the base of every absolute
 * href, without a trailing slash (and its host that of every DRS URI). {@code jobs} takes async file
 * jobs (a runner beside it runs them). {@code extraction} reads files' headers for metadata; null when
 * {@code extract_metadata} is off.
 */
public record ApiServices(IdentityService identity, ProjectService projects, QuotaService quotas, FileService files,
                          NamespaceService namespace, TrashService trash,
                          UploadService uploads, BlobStore blobStore, UrlSigner signer, Clock clock,
                          RateLimiter rateLimiter, RateLimiter authFailures, String publicUrl, AuditLog audit,
                          FileJobService jobs, DrsService drs, MetadataExtraction extraction,
                          HtsgetService htsget) {
}
