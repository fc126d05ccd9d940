package org.seqvault.server;

import java.util.Locale;

/**
 * One configuration setting. Its names follow from the constant: file key {@code public_url}
 * (or {@code public-url}), flag {@code --public-url}, environment variable {@code SEQVAULT_PUBLIC_URL}.
 * See docs/config.md.
 */
public enum Setting {
    BIND,
    PORT,
    PUBLIC_URL,
    DATA_DIR,
    DB_URL,
    DB_USER,
    DB_PASSWORD(true),
    BLOB_STORE,
    S3_ENDPOINT,
    S3_REGION,
    S3_PATH_STYLE,
    SIGNING_KEY(true),
    PREVIOUS_SIGNING_KEYS(true),
    PRESIGN_TTL,
    MAX_FORM_UPLOAD,
    SINGLE_PUT_LIMIT,
    UPLOAD_TTL,
    RATE_LIMIT,
    RATE_LIMIT_WINDOW,
    BOOTSTRAP_TOKEN(true),
    IDLE_TIMEOUT,
    AUTH_FAILURE_LIMIT,
    AUTH_FAILURE_WINDOW,
    ADMIN_BIND,
    ADMIN_PORT,
    LOG_FORMAT,
    TLS_CERT,
    TLS_KEY,
    TLS_PLAIN_HTTP,
    FORWARDED_HEADERS,
    FINISHED_UPLOAD_RETENTION,
    TRASH_RETENTION,
    AUDIT_RETENTION,
    JOB_BATCH_SIZE,
    EXTRACT_METADATA;

    private final boolean secret;

    Setting() {
        this(false);
    }

    Setting(boolean secret) {
        this.secret = secret;
    }

    /** Whether the value must never be logged or echoed in an error message. */
    public boolean secret() {
        return secret;
    }

    /** The canonical config-file key, e.g. {@code public_url}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The command-line flag, e.g. {@code --public-url}. */
    public String flag() {
        return "--" + key().replace('_', '-');
    }

    /** The environment variable, e.g. {@code SEQVAULT_PUBLIC_URL}. */
    public String env() {
        return "SEQVAULT_" + name();
    }
}
