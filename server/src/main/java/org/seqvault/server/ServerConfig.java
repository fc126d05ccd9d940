package org.seqvault.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The effective configuration (flags > SEQVAULT_* environment > config file > defaults), see
 * docs/config.md. {@code signingKey} and {@code bootstrapToken} and {@code dbPassword} are secrets:
 * never log them unredacted.
 *
 * @param bind            address to listen on (default 127.0.0.1)
 * @param port            TCP port (default 8080; 0 picks a free port)
 * @param publicUrl       base of every href and presigned URL, without a trailing slash
 *                        (default http://127.0.0.1:&lt;port&gt;, with the real port when 0 was asked)
 * @param dataDir         data directory (default ./seqvault-data)
 * @param dbUrl           JDBC URL (default jdbc:sqlite:&lt;data&gt;/seqvault.db)
 * @param blobStore       blob store URI (default file:&lt;data&gt;/blobs)
 * @param signingKey      URL-signing key; null means: read or create &lt;data&gt;/signing.key (mode 600)
 * @param presignTtl      presigned URL lifetime (default 3600 s)
 * @param maxFormUpload   form upload limit in bytes (default 500 MiB)
 * @param singlePutLimit  largest size handed out as one presigned PUT (default 5 GiB)
 * @param uploadTtl       how long an unconfirmed upload lives (default 24 h)
 * @param bootstrapToken  admin token to create on an empty database, or null
 */
public record ServerConfig(String bind, int port, String publicUrl, Path dataDir, String dbUrl, String dbUser,
                           String dbPassword, String blobStore, String s3Endpoint, String s3Region,
                           boolean s3PathStyle, String signingKey, Duration presignTtl, long maxFormUpload,
                           long singlePutLimit, Duration uploadTtl, String bootstrapToken) {
}
