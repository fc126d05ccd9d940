package org.seqvault.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.seqvault.api.tls.TlsSettings;
import org.seqvault.service.upload.UploadSettings;
import org.seqvault.service.file.FileJobRunner;
import org.seqvault.service.file.TrashRetention;

/**
 * The effective configuration (flags > SEQVAULT_* environment > config file > defaults), see
 * docs/config.md. {@code signingKey}, {@code previousSigningKeys}, {@code bootstrapToken} and
 * {@code dbPassword} are secrets: never log them unredacted.
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
 * @param singlePutLimit  largest size handed out as one presigned PUT (default: every size, 5 TiB, on local
 *                        disk; 5 GiB, S3's largest single PUT, on S3, where more is refused at start)
 * @param uploadTtl       how long an unconfirmed upload lives (default 24 h)
 * @param rateLimit       requests per token per window; 0 turns limiting off (the default)
 * @param rateLimitWindow the rate-limit window (default 300 s, as on the Seven Bridges platform, whose limit is 1000)
 * @param bootstrapToken  admin token to create on an empty database, or null
 * @param idleTimeout     how long a connection may stay silent, between requests or in the middle of one,
 *                        before the server closes it (default 30 s): a client that opens uploads and
 *                        sends nothing cannot hold connections for longer
 * @param authFailureLimit  failed authentications per client address per window before further failures
 *                          are answered 429; 0 turns it off (default 20)
 * @param authFailureWindow the window those failures are counted in (default 60 s)
 * @param previousSigningKeys URL-signing keys that signed URLs still in use: they verify but no longer sign,
 *                            so the key can be rotated without breaking URLs already handed out (default none)
 * @param adminBind       address of the admin listener (GET /metrics without a token, /healthz); default 127.0.0.1
 * @param adminPort       port of the admin listener, or null for none (the default): then GET /metrics is
 *                        served on the public port to admin tokens only
 * @param logFormat       how log lines look on stderr: text (default) or json
 * @param tls             HTTPS on the public port (PEM certificate and key, plain HTTP redirected or refused),
 *                        or null for plain HTTP (the default)
 * @param forwardedHeaders whether to take the client's address and scheme from a reverse proxy's
 *                        Forwarded / X-Forwarded-* headers (default false)
 * @param finishedUploadRetention how long a finished upload session is kept past its expiry time
 *                        before the collector deletes it (default 7 days)
 * @param trashRetention  how long deleted files and folders stay in their project's trash (default 14 days);
 *                        zero turns the trash off and deletes are final at once
 * @param auditRetention  how long audit records are kept before they are pruned (default 365 days)
 * @param jobBatchSize    nodes of a folder's tree an async copy job copies per transaction (default 500)
 * @param extractMetadata whether published BAM, CRAM, SAM, VCF, BCF and FASTQ files have their headers read
 *                        for the metadata keys the user has not set (default true; docs/genomics.md)
 */
public record ServerConfig(String bind, int port, String publicUrl, Path dataDir, String dbUrl, String dbUser,
                           String dbPassword, String blobStore, String s3Endpoint, String s3Region,
                           boolean s3PathStyle, String signingKey, Duration presignTtl, long maxFormUpload,
                           long singlePutLimit, Duration uploadTtl, long rateLimit, Duration rateLimitWindow,
                           String bootstrapToken, Duration idleTimeout, long authFailureLimit,
                           Duration authFailureWindow, List<String> previousSigningKeys, String adminBind,
                           Integer adminPort, LogFormat logFormat, TlsSettings tls, boolean forwardedHeaders,
                           Duration finishedUploadRetention, Duration trashRetention, Duration auditRetention,
                           int jobBatchSize, boolean extractMetadata) {

    /** What {@link #idleTimeout} is when nothing sets it. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * What {@link #authFailureLimit} is when nothing sets it: far above what a person mistyping a
     * token or a client whose token just expired produces before it stops, far below a guessing rate.
     */
    public static final long DEFAULT_AUTH_FAILURE_LIMIT = 20;
    /** What {@link #authFailureWindow} is when nothing sets it. */
    public static final Duration DEFAULT_AUTH_FAILURE_WINDOW = Duration.ofMinutes(1);
    /** What {@link #adminBind} is when nothing sets it: the admin listener stays on the machine. */
    public static final String DEFAULT_ADMIN_BIND = "127.0.0.1";
    /** What {@link #auditRetention} is when nothing sets it: a year of who did what. */
    public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(365);

    public ServerConfig {
        previousSigningKeys = previousSigningKeys == null ? List.of() : List.copyOf(previousSigningKeys);
        trashRetention = trashRetention == null ? TrashRetention.DEFAULT : trashRetention;
        auditRetention = auditRetention == null ? DEFAULT_AUDIT_RETENTION : auditRetention;
        jobBatchSize = jobBatchSize == 0 ? FileJobRunner.DEFAULT_BATCH_SIZE : jobBatchSize;
    }

    /**
     * The configuration before the async job batch size and header extraction existed, with their
     * defaults; kept so that code building a config by hand needs no change for settings it does not care about.
     */
    public ServerConfig(String bind, int port, String publicUrl, Path dataDir, String dbUrl, String dbUser,
                        String dbPassword, String blobStore, String s3Endpoint, String s3Region,
                        boolean s3PathStyle, String signingKey, Duration presignTtl, long maxFormUpload,
                        long singlePutLimit, Duration uploadTtl, long rateLimit, Duration rateLimitWindow,
                        String bootstrapToken, Duration idleTimeout, long authFailureLimit,
                        Duration authFailureWindow, List<String> previousSigningKeys, String adminBind,
                        Integer adminPort, LogFormat logFormat, TlsSettings tls, boolean forwardedHeaders,
                        Duration finishedUploadRetention, Duration trashRetention, Duration auditRetention) {
        this(bind, port, publicUrl, dataDir, dbUrl, dbUser, dbPassword, blobStore, s3Endpoint, s3Region, s3PathStyle,
                signingKey, presignTtl, maxFormUpload, singlePutLimit, uploadTtl, rateLimit, rateLimitWindow,
                bootstrapToken, idleTimeout, authFailureLimit, authFailureWindow, previousSigningKeys, adminBind,
                adminPort, logFormat, tls, forwardedHeaders, finishedUploadRetention, trashRetention, auditRetention,
                FileJobRunner.DEFAULT_BATCH_SIZE, true);
    }

    /**
     * The configuration before the failed-authentication limit, previous signing keys, the admin
     * listener, the log format, TLS, the finished-upload retention, the trash and the audit trail existed, with their
     * defaults; kept so that code building a config by hand (test fixtures) needs no change for settings
     * it does not care about.
     */
    public ServerConfig(String bind, int port, String publicUrl, Path dataDir, String dbUrl, String dbUser,
                        String dbPassword, String blobStore, String s3Endpoint, String s3Region,
                        boolean s3PathStyle, String signingKey, Duration presignTtl, long maxFormUpload,
                        long singlePutLimit, Duration uploadTtl, long rateLimit, Duration rateLimitWindow,
                        String bootstrapToken, Duration idleTimeout) {
        this(bind, port, publicUrl, dataDir, dbUrl, dbUser, dbPassword, blobStore, s3Endpoint, s3Region, s3PathStyle,
                signingKey, presignTtl, maxFormUpload, singlePutLimit, uploadTtl, rateLimit, rateLimitWindow,
                bootstrapToken, idleTimeout, DEFAULT_AUTH_FAILURE_LIMIT, DEFAULT_AUTH_FAILURE_WINDOW, List.of(),
                DEFAULT_ADMIN_BIND, null, LogFormat.TEXT, null, false, UploadSettings.DEFAULT_FINISHED_RETENTION,
                TrashRetention.DEFAULT, DEFAULT_AUDIT_RETENTION);
    }

    /**
     * The configuration before {@code idleTimeout} existed, with its default; kept so that code
     * building a config by hand (test fixtures) needs no change for a setting it does not care about.
     */
    public ServerConfig(String bind, int port, String publicUrl, Path dataDir, String dbUrl, String dbUser,
                        String dbPassword, String blobStore, String s3Endpoint, String s3Region,
                        boolean s3PathStyle, String signingKey, Duration presignTtl, long maxFormUpload,
                        long singlePutLimit, Duration uploadTtl, long rateLimit, Duration rateLimitWindow,
                        String bootstrapToken) {
        this(bind, port, publicUrl, dataDir, dbUrl, dbUser, dbPassword, blobStore, s3Endpoint, s3Region, s3PathStyle,
                signingKey, presignTtl, maxFormUpload, singlePutLimit, uploadTtl, rateLimit, rateLimitWindow,
                bootstrapToken, DEFAULT_IDLE_TIMEOUT);
    }

    /** This configuration with another failed-authentication limit. */
    public ServerConfig withAuthFailureLimit(long limit, Duration window) {
        return new ServerConfig(bind, port, publicUrl, dataDir, dbUrl, dbUser, dbPassword, blobStore, s3Endpoint,
                s3Region, s3PathStyle, signingKey, presignTtl, maxFormUpload, singlePutLimit, uploadTtl, rateLimit,
                rateLimitWindow, bootstrapToken, idleTimeout, limit, window, previousSigningKeys, adminBind, adminPort,
                logFormat, tls, forwardedHeaders, finishedUploadRetention, trashRetention, auditRetention,
                jobBatchSize, extractMetadata);
    }

    /** This configuration with another trash retention (zero: no trash). */
    public ServerConfig withTrashRetention(Duration retention) {
        return new ServerConfig(bind, port, publicUrl, dataDir, dbUrl, dbUser, dbPassword, blobStore, s3Endpoint,
                s3Region, s3PathStyle, signingKey, presignTtl, maxFormUpload, singlePutLimit, uploadTtl, rateLimit,
                rateLimitWindow, bootstrapToken, idleTimeout, authFailureLimit, authFailureWindow, previousSigningKeys,
                adminBind, adminPort, logFormat, tls, forwardedHeaders, finishedUploadRetention, retention, auditRetention,
                jobBatchSize, extractMetadata);
    }

    /** This configuration with another audit retention. */
    public ServerConfig withAuditRetention(Duration retention) {
        return new ServerConfig(bind, port, publicUrl, dataDir, dbUrl, dbUser, dbPassword, blobStore, s3Endpoint,
                s3Region, s3PathStyle, signingKey, presignTtl, maxFormUpload, singlePutLimit, uploadTtl, rateLimit,
                rateLimitWindow, bootstrapToken, idleTimeout, authFailureLimit, authFailureWindow, previousSigningKeys,
                adminBind, adminPort, logFormat, tls, forwardedHeaders, finishedUploadRetention, trashRetention, retention,
                jobBatchSize, extractMetadata);
    }

    /** This configuration with another async job batch size. */
    public ServerConfig withJobBatchSize(int batchSize) {
        return new ServerConfig(bind, port, publicUrl, dataDir, dbUrl, dbUser, dbPassword, blobStore, s3Endpoint,
                s3Region, s3PathStyle, signingKey, presignTtl, maxFormUpload, singlePutLimit, uploadTtl, rateLimit,
                rateLimitWindow, bootstrapToken, idleTimeout, authFailureLimit, authFailureWindow, previousSigningKeys,
                adminBind, adminPort, logFormat, tls, forwardedHeaders, finishedUploadRetention, trashRetention,
                auditRetention, batchSize, extractMetadata);
    }

    /** This configuration with header extraction on or off. */
    public ServerConfig withExtractMetadata(boolean extract) {
        return new ServerConfig(bind, port, publicUrl, dataDir, dbUrl, dbUser, dbPassword, blobStore, s3Endpoint,
                s3Region, s3PathStyle, signingKey, presignTtl, maxFormUpload, singlePutLimit, uploadTtl, rateLimit,
                rateLimitWindow, bootstrapToken, idleTimeout, authFailureLimit, authFailureWindow, previousSigningKeys,
                adminBind, adminPort, logFormat, tls, forwardedHeaders, finishedUploadRetention, trashRetention,
                auditRetention, jobBatchSize, extract);
    }

    /** Like the record's own, but with the secrets (and any password in a URL) redacted. */
    @Override
    public String toString() {
        return "ServerConfig[bind=" + bind + ", port=" + port + ", publicUrl=" + Redaction.url(publicUrl)
                + ", dataDir=" + dataDir + ", dbUrl=" + Redaction.url(dbUrl) + ", dbUser=" + dbUser
                + ", dbPassword=" + Redaction.secret(dbPassword, "null") + ", blobStore=" + Redaction.url(blobStore)
                + ", s3Endpoint=" + Redaction.url(s3Endpoint) + ", s3Region=" + s3Region + ", s3PathStyle=" + s3PathStyle
                + ", signingKey=" + Redaction.secret(signingKey, "null") + ", presignTtl=" + presignTtl
                + ", maxFormUpload=" + maxFormUpload + ", singlePutLimit=" + singlePutLimit + ", uploadTtl=" + uploadTtl
                + ", rateLimit=" + rateLimit + ", rateLimitWindow=" + rateLimitWindow
                + ", bootstrapToken=" + Redaction.secret(bootstrapToken, "null") + ", idleTimeout=" + idleTimeout
                + ", authFailureLimit=" + authFailureLimit + ", authFailureWindow=" + authFailureWindow
                + ", previousSigningKeys=" + Redaction.secrets(previousSigningKeys, "[]")
                + ", adminBind=" + adminBind + ", adminPort=" + adminPort + ", logFormat=" + logFormat
                + ", tls=" + tls + ", forwardedHeaders=" + forwardedHeaders
                + ", finishedUploadRetention=" + finishedUploadRetention + ", trashRetention=" + trashRetention
                + ", auditRetention=" + auditRetention + ", jobBatchSize=" + jobBatchSize
                + ", extractMetadata=" + extractMetadata + "]";
    }
}
