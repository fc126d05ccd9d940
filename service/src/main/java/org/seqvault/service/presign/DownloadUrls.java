package org.seqvault.service.presign;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.seqvault.service.port.BlobStore.Presigned;

/**
 * The download URLs the APIs hand out, on every blob store: the server's own
 * {@code /_blob/dl/{fileId}/{fileName}}, signed with {@link UrlSigner}. They name the file, not
 * its blob, so they stop working the moment the file is deleted, even while a copy keeps the
 * bytes; the server checks the file on every request, then serves the bytes or redirects to the
 * blob store.
 */
public final class DownloadUrls {
    private final UrlSigner signer;
    private final String publicBaseUrl;

    /** @param publicBaseUrl scheme, host and port clients reach this server at, e.g. {@code https://files.example.org} */
    public DownloadUrls(UrlSigner signer, String publicBaseUrl) {
        this.signer = Objects.requireNonNull(signer, "signer");
        String base = Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        this.publicBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A GET (or HEAD) of file {@code fileId}, served under {@code fileName}, until {@code expires}. */
    public Presigned sign(String fileId, String fileName, Instant expires) {
        String path = BlobPaths.download(fileId, fileName);
        SignedQuery query = signer.sign("GET", path, expires);
        return new Presigned(publicBaseUrl + path + "?" + query.render(), "GET", Map.of(), query.expires());
    }
}
