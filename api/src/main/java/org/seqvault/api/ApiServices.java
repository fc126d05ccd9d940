package org.seqvault.api;

import org.seqvault.service.audit.AuditLog;
import org.seqvault.service.auth.IdentityService;
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
 * href, without a trailing slash.
 */
public record ApiServices(IdentityService identity, ProjectService projects, QuotaService quotas, FileService files,
                          NamespaceService namespace, TrashService trash,
                          UploadService uploads, BlobStore blobStore, UrlSigner signer, Clock clock,
                          RateLimiter rateLimiter, RateLimiter authFailures, String publicUrl, AuditLog audit,
                          HtsgetService htsget) {
}
