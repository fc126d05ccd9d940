package org.seqvault.server;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.seqvault.domain.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seqvault serve}: resolves the configuration, starts the server, prints
 * {@code SeqVault listening on <public URL>} on stdout once it accepts requests, and runs until
 * SIGTERM/SIGINT, when a shutdown hook drains in-flight requests (up to 30 s) and closes the stores.
 *
 * <p>Every option is taken as text and parsed by {@link ConfigLoader}, so a bad value is reported
 * the same way whichever source it came from.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        sortSynopsis = false,
        usageHelpWidth = 100,
        description = {"Runs the SeqVault server in the foreground until SIGTERM or SIGINT.",
                "Precedence: flags > SEQVAULT_* environment > --config file > defaults. See docs/config.md."})
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    /** Where the data lives: shared with the offline commands, so they read the same settings. */
    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on. Env: SEQVAULT_BIND. Default: 127.0.0.1.")
    String bind;

    @Option(names = "--port", paramLabel = "PORT",
            description = "TCP port; 0 picks a free one. Env: SEQVAULT_PORT. Default: 8080.")
    String port;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Base URL clients use (hrefs, presigned URLs). Env: SEQVAULT_PUBLIC_URL. "
                    + "Default: http://<bind>:<port>.")
    String publicUrl;

    @Option(names = "--signing-key", paramLabel = "SECRET",
            description = "URL-signing key, same on every replica (prefer the environment). Env: SEQVAULT_SIGNING_KEY. "
                    + "Default: generated once into <data-dir>/signing.key.")
    String signingKey;

    @Option(names = "--previous-signing-keys", paramLabel = "SECRET[,SECRET…]",
            description = "Older URL-signing keys, comma-separated: URLs they signed keep working until they expire; "
                    + "new URLs use --signing-key (prefer the environment). Env: SEQVAULT_PREVIOUS_SIGNING_KEYS. "
                    + "Default: none.")
    String previousSigningKeys;

    @Option(names = "--presign-ttl", paramLabel = "SECONDS",
            description = "Presigned URL lifetime. Env: SEQVAULT_PRESIGN_TTL. Default: 3600.")
    String presignTtl;

    @Option(names = "--max-form-upload", paramLabel = "SIZE",
            description = "Largest form upload, e.g. 500MiB. Env: SEQVAULT_MAX_FORM_UPLOAD. Default: 500MiB.")
    String maxFormUpload;

    @Option(names = "--single-put-limit", paramLabel = "SIZE",
            description = "Largest size handed out as one presigned PUT; larger uploads get parts. "
                    + "Env: SEQVAULT_SINGLE_PUT_LIMIT. Default: every size (5TiB) on local disk, 5GiB (the most S3 takes) "
                    + "on S3.")
    String singlePutLimit;

    @Option(names = "--upload-ttl", paramLabel = "SECONDS",
            description = "Lifetime of an unfinished upload. Env: SEQVAULT_UPLOAD_TTL. Default: 86400.")
    String uploadTtl;

    @Option(names = "--rate-limit", paramLabel = "N",
            description = "Requests per token per window, e.g. 1000 (the Seven Bridges platform's, per 300 s) for a server "
                    + "shared by tenants; 0 turns limiting off. Env: SEQVAULT_RATE_LIMIT. Default: 0 (off).")
    String rateLimit;

    @Option(names = "--rate-limit-window", paramLabel = "SECONDS",
            description = "Rate-limit window. Env: SEQVAULT_RATE_LIMIT_WINDOW. Default: 300.")
    String rateLimitWindow;

    @Option(names = "--bootstrap-token", paramLabel = "TOKEN",
            description = "Admin token created on an empty database, at least 32 characters (prefer the "
                    + "environment). Env: SEQVAULT_BOOTSTRAP_TOKEN.")
    String bootstrapToken;

    @Option(names = "--auth-failure-limit", paramLabel = "N",
            description = "Failed authentications per client address per window; past it, failures get 429 "
                    + "(valid tokens never do); 0 turns it off. Env: SEQVAULT_AUTH_FAILURE_LIMIT. Default: 20.")
    String authFailureLimit;

    @Option(names = "--auth-failure-window", paramLabel = "SECONDS",
            description = "Window of the failed-authentication limit. Env: SEQVAULT_AUTH_FAILURE_WINDOW. Default: 60.")
    String authFailureWindow;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Closes a connection silent for this long, also mid-request (slow or stalled clients). "
                    + "Env: SEQVAULT_IDLE_TIMEOUT. Default: 30.")
    String idleTimeout;

    @Option(names = "--admin-bind", paramLabel = "ADDRESS",
            description = "Address of the admin listener (GET /metrics without a token, /healthz). "
                    + "Env: SEQVAULT_ADMIN_BIND. Default: 127.0.0.1.")
    String adminBind;

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Port of the admin listener; 0 picks a free one. Env: SEQVAULT_ADMIN_PORT. "
                    + "Default: none (GET /metrics on the public port, admin tokens only).")
    String adminPort;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "Log lines on stderr: text or json (one object per line). Env: SEQVAULT_LOG_FORMAT. "
                    + "Default: text.")
    String logFormat;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain: serve HTTPS (HTTP/2 where offered); re-read when it changes. "
                    + "Env: SEQVAULT_TLS_CERT.")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM private key (PKCS#8) of --tls-cert. Env: SEQVAULT_TLS_KEY.")
    String tlsKey;

    @Option(names = "--tls-plain-http", paramLabel = "redirect|refuse",
            description = "Plain HTTP on the HTTPS port: redirected to https, or refused. "
                    + "Env: SEQVAULT_TLS_PLAIN_HTTP. Default: redirect.")
    String tlsPlainHttp;

    @Option(names = "--forwarded-headers", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            description = "Take the client's address and scheme from a reverse proxy's Forwarded/X-Forwarded-* "
                    + "headers. Env: SEQVAULT_FORWARDED_HEADERS. Default: false.")
    String forwardedHeaders;

    @Option(names = "--finished-upload-retention", paramLabel = "SECONDS",
            description = "How long a finished upload session is kept past its expiry before the collector deletes it. "
                    + "Env: SEQVAULT_FINISHED_UPLOAD_RETENTION. Default: 604800 (7 days).")
    String finishedUploadRetention;

    @Option(names = "--trash-retention", paramLabel = "DURATION",
            description = "How long deleted files and folders stay in their project's trash, e.g. 14d; 0 turns "
                    + "the trash off (deletes are final). Env: SEQVAULT_TRASH_RETENTION. Default: 14d.")
    String trashRetention;

    @Option(names = "--audit-retention", paramLabel = "DURATION",
            description = "How long audit records are kept, e.g. 365d; older ones are pruned hourly. "
                    + "Env: SEQVAULT_AUDIT_RETENTION. Default: 365d.")
    String auditRetention;

    @Option(names = "--job-batch-size", paramLabel = "NODES",
            description = "How many files and folders of a folder's tree an async copy job copies per transaction "
                    + "(each transaction also records the job's progress). Env: SEQVAULT_JOB_BATCH_SIZE. Default: 500.")
    String jobBatchSize;

    @Option(names = "--extract-metadata", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            description = "Read the headers of published BAM, CRAM, SAM, VCF, BCF and FASTQ files for the metadata "
                    + "keys the user has not set (docs/genomics.md). Env: SEQVAULT_EXTRACT_METADATA. Default: true.")
    String extractMetadata;

    private final Map<String, String> env;

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    /** The flag values by setting; options not given are absent. */
    Map<Setting, String> flags() {
        Map<Setting, String> flags = storeOptions.flags();
        StoreOptions.put(flags, Setting.BIND, bind);
        StoreOptions.put(flags, Setting.PORT, port);
        StoreOptions.put(flags, Setting.PUBLIC_URL, publicUrl);
        StoreOptions.put(flags, Setting.SIGNING_KEY, signingKey);
        StoreOptions.put(flags, Setting.PREVIOUS_SIGNING_KEYS, previousSigningKeys);
        StoreOptions.put(flags, Setting.PRESIGN_TTL, presignTtl);
        StoreOptions.put(flags, Setting.MAX_FORM_UPLOAD, maxFormUpload);
        StoreOptions.put(flags, Setting.SINGLE_PUT_LIMIT, singlePutLimit);
        StoreOptions.put(flags, Setting.UPLOAD_TTL, uploadTtl);
        StoreOptions.put(flags, Setting.RATE_LIMIT, rateLimit);
        StoreOptions.put(flags, Setting.RATE_LIMIT_WINDOW, rateLimitWindow);
        StoreOptions.put(flags, Setting.BOOTSTRAP_TOKEN, bootstrapToken);
        StoreOptions.put(flags, Setting.IDLE_TIMEOUT, idleTimeout);
        StoreOptions.put(flags, Setting.AUTH_FAILURE_LIMIT, authFailureLimit);
        StoreOptions.put(flags, Setting.AUTH_FAILURE_WINDOW, authFailureWindow);
        StoreOptions.put(flags, Setting.ADMIN_BIND, adminBind);
        StoreOptions.put(flags, Setting.ADMIN_PORT, adminPort);
        StoreOptions.put(flags, Setting.LOG_FORMAT, logFormat);
        StoreOptions.put(flags, Setting.TLS_CERT, tlsCert);
        StoreOptions.put(flags, Setting.TLS_KEY, tlsKey);
        StoreOptions.put(flags, Setting.TLS_PLAIN_HTTP, tlsPlainHttp);
        StoreOptions.put(flags, Setting.FORWARDED_HEADERS, forwardedHeaders);
        StoreOptions.put(flags, Setting.FINISHED_UPLOAD_RETENTION, finishedUploadRetention);
        StoreOptions.put(flags, Setting.TRASH_RETENTION, trashRetention);
        StoreOptions.put(flags, Setting.AUDIT_RETENTION, auditRetention);
        StoreOptions.put(flags, Setting.JOB_BATCH_SIZE, jobBatchSize);
        StoreOptions.put(flags, Setting.EXTRACT_METADATA, extractMetadata);
        return flags;
    }

    /** Resolves the configuration; a bad value prints one line on stderr and yields exit code 2. */
    EffectiveConfig resolve() {
        return ConfigLoader.load(flags(), env, storeOptions.config);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EffectiveConfig effective;
        try {
            effective = resolve();
        } catch (ConfigException e) {
            err.println("seqvault serve: " + e.getMessage());
            err.flush();
            return Main.EXIT_USAGE;
        }
        effective.config().logFormat().apply();
        LOG.info("effective configuration (config file: {}):",
                effective.configFile() == null ? "none" : effective.configFile());
        effective.describe().forEach(line -> LOG.info("  {}", line));

        SeqVaultServer server;
        try {
            server = SeqVaultServer.start(effective.config());
        } catch (RuntimeException e) {
            err.println("seqvault serve: cannot start: " + messages(e));
            err.flush();
            if (expected(e)) {
                LOG.debug("start failed", e);
            } else {
                LOG.error("start failed", e);
            }
            return 1;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: draining in-flight requests (up to 30 s)");
            try {
                server.close();
            } catch (RuntimeException e) {
                LOG.error("error while shutting down", e);
            } finally {
                stopLogging();
                stopped.countDown();
            }
        }, "seqvault-shutdown"));

        // Where this process listens first (scripts and tests connect there), then the URL clients are given.
        out.println("SeqVault listening on " + server.listenUrl()
                + (server.listenUrl().equals(server.publicUrl()) ? "" : " (public URL " + server.publicUrl() + ")"));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            server.close();
            throw e;
        }
        return 0;
    }

    /**
     * Writes out what the asynchronous access log still holds, then stops logging. The access log's
     * queue is flushed first, while the appender it writes to still runs: stopping the context alone
     * may stop that one first and drop the last lines.
     */
    private static void stopLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            var access = context.getLogger("seqvault.access").getAppender("ACCESS");
            if (access != null) {
                access.stop();
            }
            context.stop();
        }
    }

    /** Failures a user can fix from the message alone (bad blob store URI, port in use, unwritable dir). */
    private static boolean expected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserException || t instanceof IllegalArgumentException || t instanceof UncheckedIOException
                    || t instanceof java.net.BindException || t.getClass().getSimpleName().contains("BindException")) {
                return true;
            }
        }
        return false;
    }

    /** The messages along the cause chain, on one line. */
    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().replaceAll("\\s+", " ").strip();
            if (sb.indexOf(m) < 0) {
                if (!sb.isEmpty()) {
                    sb.append(sb.charAt(sb.length() - 1) == '.' ? " " : ": ");
                }
                sb.append(m);
            }
        }
        return Redaction.url(sb.toString());
    }
}
