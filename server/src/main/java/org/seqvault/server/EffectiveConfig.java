package org.seqvault.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqvault.domain.ByteSize;
import org.seqvault.service.upload.UploadSettings;

/**
 * The configuration the server runs with, and where each value came from.
 *
 * @param config     the values
 * @param sources    the source of every setting
 * @param configFile the config file that was read, or null
 */
public record EffectiveConfig(ServerConfig config, Map<Setting, ConfigSource> sources, Path configFile) {
    public EffectiveConfig {
        sources = Map.copyOf(new EnumMap<>(sources));
    }

    public ConfigSource source(Setting setting) {
        return sources.getOrDefault(setting, ConfigSource.DEFAULT);
    }

    /** One line per setting, {@code port = 8080 (default)}, with every secret redacted. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Setting s : Setting.values()) {
            lines.add(s.key() + " = " + display(s) + " (" + source(s) + ")");
        }
        return lines;
    }

    /** The whole configuration as one line, secrets redacted. */
    public String describeCompact() {
        StringBuilder sb = new StringBuilder();
        for (Setting s : Setting.values()) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(s.key()).append('=').append(display(s));
        }
        return sb.toString();
    }

    /** The value of one setting as it may be logged. */
    public String display(Setting s) {
        ServerConfig c = config;
        return switch (s) {
            case BIND -> c.bind();
            case PORT -> c.port() == 0 ? "0 (any free port)" : String.valueOf(c.port());
            case PUBLIC_URL -> c.publicUrl() == null ? "(http://<bind>:<port>)" : Redaction.url(c.publicUrl());
            case DATA_DIR -> c.dataDir().toString();
            case DB_URL -> Redaction.url(c.dbUrl());
            case DB_USER -> orNone(c.dbUser());
            case DB_PASSWORD -> Redaction.secret(c.dbPassword(), "(none)");
            case BLOB_STORE -> Redaction.url(c.blobStore());
            case S3_ENDPOINT -> c.s3Endpoint() == null ? "(AWS default)" : Redaction.url(c.s3Endpoint());
            case S3_REGION -> c.s3Region() != null ? c.s3Region()
                    : c.s3Endpoint() != null ? "us-east-1 (default with an S3 endpoint)" : "(AWS default chain)";
            case S3_PATH_STYLE -> String.valueOf(c.s3PathStyle());
            case SIGNING_KEY -> Redaction.secret(c.signingKey(), "(kept in " + c.dataDir().resolve("signing.key") + ")");
            case PREVIOUS_SIGNING_KEYS -> Redaction.secrets(c.previousSigningKeys(), "(none)");
            case PRESIGN_TTL -> c.presignTtl().toSeconds() + "s";
            case MAX_FORM_UPLOAD -> ByteSize.format(c.maxFormUpload());
            case SINGLE_PUT_LIMIT -> ByteSize.format(c.singlePutLimit())
                    + (c.singlePutLimit() >= UploadSettings.MAX_FILE_SIZE ? " (every size in one PUT)" : "");
            case UPLOAD_TTL -> c.uploadTtl().toSeconds() + "s";
            case RATE_LIMIT -> c.rateLimit() == 0 ? "off" : c.rateLimit() + " requests per token per window";
            case RATE_LIMIT_WINDOW -> c.rateLimitWindow().toSeconds() + "s";
            case BOOTSTRAP_TOKEN -> Redaction.secret(c.bootstrapToken(), "(none)");
            case IDLE_TIMEOUT -> c.idleTimeout().toSeconds() + "s";
            case AUTH_FAILURE_LIMIT -> c.authFailureLimit() == 0 ? "off"
                    : c.authFailureLimit() + " failed authentications per client address per window";
            case AUTH_FAILURE_WINDOW -> c.authFailureWindow().toSeconds() + "s";
            case ADMIN_BIND -> c.adminBind();
            case ADMIN_PORT -> c.adminPort() == null ? "off (GET /metrics on the public port, admin tokens only)"
                    : c.adminPort() == 0 ? "0 (any free port)" : String.valueOf(c.adminPort());
            case LOG_FORMAT -> c.logFormat().wireName();
            case TLS_CERT -> c.tls() == null ? "(none: plain HTTP)" : c.tls().certificateFile().toString();
            case TLS_KEY -> c.tls() == null ? "(none)" : c.tls().keyFile().toString();
            case TLS_PLAIN_HTTP -> c.tls() == null ? "(no HTTPS)" : c.tls().plainHttp().name().toLowerCase(Locale.ROOT);
            case FORWARDED_HEADERS -> String.valueOf(c.forwardedHeaders());
            case FINISHED_UPLOAD_RETENTION -> c.finishedUploadRetention().toSeconds() + "s";
            case EXTRACT_METADATA -> c.extractMetadata() ? "true (headers of BAM, CRAM, SAM, VCF, BCF and FASTQ files are read)"
                    : "false";
            case TRASH_RETENTION -> c.trashRetention().isZero() ? "0 (no trash: deletes are final)"
                    : c.trashRetention().toSeconds() + "s";
            case AUDIT_RETENTION -> c.auditRetention().toSeconds() % 86_400 == 0 ? c.auditRetention().toDays() + "d"
                    : c.auditRetention().toSeconds() + "s";
            case JOB_BATCH_SIZE -> c.jobBatchSize() + " nodes per transaction";
        };
    }

    private static String orNone(String v) {
        return v == null ? "(none)" : v;
    }
}
