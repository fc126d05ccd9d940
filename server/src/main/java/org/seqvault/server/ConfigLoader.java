package org.seqvault.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.seqvault.api.tls.TlsSettings;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.seqvault.domain.ByteSize;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.file.FileJobRunner;
import org.seqvault.service.file.TrashRetention;
import org.seqvault.service.presign.SigningKeys;
import org.seqvault.service.upload.UploadSettings;
import org.seqvault.store.s3.S3BlobStore;

/**
 * Computes the effective {@link ServerConfig}: command-line flags beat {@code SEQVAULT_*}
 * environment variables, which beat the config file, which beats the defaults. See docs/config.md.
 *
 * <p>Everything it reads is passed in (flag values, an environment map, the config file path), so
 * it never touches the real process environment. A value that cannot be used fails with a
 * {@link ConfigException} whose one-line message names the setting and where the value came from.
 * A blank value counts as not set, in every source.
 */
public final class ConfigLoader {
    /** Environment variable naming the config file when {@code --config} is not given. */
    public static final String CONFIG_FILE_ENV = "SEQVAULT_CONFIG";

    static final String DEFAULT_BIND = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_DATA_DIR = "./seqvault-data";
    static final Duration DEFAULT_PRESIGN_TTL = Duration.ofHours(1);
    static final long DEFAULT_MAX_FORM_UPLOAD = 500L << 20;
    /** With an S3 blob store: S3's largest single PUT. Local files take every size in one PUT. */
    static final long DEFAULT_S3_SINGLE_PUT_LIMIT = S3BlobStore.MAX_PART_SIZE;
    static final Duration DEFAULT_UPLOAD_TTL = Duration.ofHours(24);
    /**
     * Per-token limiting is off unless asked for: one user's bulk work (10,000 small files take some
     * 40,000 requests) must never meet it, and what protects the server from overload (bounded pools
     * answering 503 with Retry-After, the idle timeout, request limits, the failed-authentication
     * limit) does not depend on it. A per-token quota divides a shared server among tenants.
     */
    static final long DEFAULT_RATE_LIMIT = 0;
    /** A larger batch would hold the database's writer (SQLite) for seconds at a time. */
    static final int MAX_JOB_BATCH_SIZE = 100_000;
    static final Duration DEFAULT_RATE_LIMIT_WINDOW = Duration.ofMinutes(5);

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern S3_URI = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/.*)?");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");

    private final Map<Setting, String> flags;
    private final Map<String, String> env;
    private final Path configFile;
    private final String configFileOrigin;
    private final Map<Setting, FileValue> fileValues;
    private final Map<Setting, ConfigSource> sources = new EnumMap<>(Setting.class);

    private record FileValue(String value, String keyAsWritten) {
    }

    /** Thrown by the parsers below: why a value is unusable (the caller adds setting and source). */
    private static final class BadValue extends RuntimeException {
        BadValue(String reason) {
            super(reason, null, false, false);
        }
    }

    private ConfigLoader(Map<Setting, String> flags, Map<String, String> env, Path configFlag) {
        this.flags = flags == null ? Map.of() : flags;
        this.env = env == null ? Map.of() : env;
        if (configFlag != null) {
            this.configFile = configFlag;
            this.configFileOrigin = "flag --config";
        } else if (present(this.env.get(CONFIG_FILE_ENV))) {
            this.configFile = toPath(this.env.get(CONFIG_FILE_ENV), CONFIG_FILE_ENV);
            this.configFileOrigin = "environment " + CONFIG_FILE_ENV;
        } else {
            this.configFile = null;
            this.configFileOrigin = null;
        }
        this.fileValues = configFile == null ? Map.of() : readFile(configFile, configFileOrigin);
    }

    /**
     * @param flags      raw command-line values by setting (absent or null = not given)
     * @param env        the environment, e.g. {@code System.getenv()}
     * @param configFile the {@code --config} value, or null (then {@code SEQVAULT_CONFIG} is consulted)
     */
    public static EffectiveConfig load(Map<Setting, String> flags, Map<String, String> env, Path configFile) {
        return new ConfigLoader(flags, env, configFile).load();
    }

    private EffectiveConfig load() {
        String bind = get(Setting.BIND, ConfigLoader::parseBind, DEFAULT_BIND);
        int port = get(Setting.PORT, ConfigLoader::parsePort, DEFAULT_PORT);
        String publicUrl = get(Setting.PUBLIC_URL, ConfigLoader::parsePublicUrl, null);
        Path dataDir = get(Setting.DATA_DIR, ConfigLoader::parsePath, parsePath(DEFAULT_DATA_DIR));
        String dbUrl = get(Setting.DB_URL, ConfigLoader::parseJdbcUrl, "jdbc:sqlite:" + dataDir.resolve("seqvault.db"));
        String dbUser = get(Setting.DB_USER, Function.identity(), null);
        String dbPassword = get(Setting.DB_PASSWORD, Function.identity(), null);
        String blobStore = get(Setting.BLOB_STORE, ConfigLoader::parseBlobStore, "file:" + dataDir.resolve("blobs"));
        String s3Endpoint = get(Setting.S3_ENDPOINT, ConfigLoader::parseHttpUrl, null);
        String s3Region = get(Setting.S3_REGION, ConfigLoader::parseRegion, null);
        boolean s3PathStyle = get(Setting.S3_PATH_STYLE, ConfigLoader::parseBoolean, false);
        String signingKey = get(Setting.SIGNING_KEY, ConfigLoader::parseSigningKey, null);
        List<String> previousSigningKeys = get(Setting.PREVIOUS_SIGNING_KEYS, ConfigLoader::parseSigningKeys, List.of());
        Duration presignTtl = get(Setting.PRESIGN_TTL, ConfigLoader::parseDuration, DEFAULT_PRESIGN_TTL);
        long maxFormUpload = get(Setting.MAX_FORM_UPLOAD, ConfigLoader::parseSize, DEFAULT_MAX_FORM_UPLOAD);
        long singlePutLimit = get(Setting.SINGLE_PUT_LIMIT, ConfigLoader::parseSize, defaultSinglePutLimit(blobStore));
        Duration uploadTtl = get(Setting.UPLOAD_TTL, ConfigLoader::parseDuration, DEFAULT_UPLOAD_TTL);
        long rateLimit = get(Setting.RATE_LIMIT, ConfigLoader::parseCount, DEFAULT_RATE_LIMIT);
        Duration rateLimitWindow = get(Setting.RATE_LIMIT_WINDOW, ConfigLoader::parseDuration, DEFAULT_RATE_LIMIT_WINDOW);
        String bootstrapToken = get(Setting.BOOTSTRAP_TOKEN, ConfigLoader::parseToken, null);
        Duration idleTimeout = get(Setting.IDLE_TIMEOUT, ConfigLoader::parseDuration, ServerConfig.DEFAULT_IDLE_TIMEOUT);
        Duration finishedUploadRetention = get(Setting.FINISHED_UPLOAD_RETENTION, ConfigLoader::parseDuration,
                UploadSettings.DEFAULT_FINISHED_RETENTION);

        long authFailureLimit = get(Setting.AUTH_FAILURE_LIMIT, ConfigLoader::parseCount,
                ServerConfig.DEFAULT_AUTH_FAILURE_LIMIT);
        Duration authFailureWindow = get(Setting.AUTH_FAILURE_WINDOW, ConfigLoader::parseDuration,
                ServerConfig.DEFAULT_AUTH_FAILURE_WINDOW);

        String adminBind = get(Setting.ADMIN_BIND, ConfigLoader::parseBind, ServerConfig.DEFAULT_ADMIN_BIND);
        Integer adminPort = get(Setting.ADMIN_PORT, ConfigLoader::parsePort, null);
        LogFormat logFormat = get(Setting.LOG_FORMAT, LogFormat::parse, LogFormat.TEXT);
        Path tlsCert = get(Setting.TLS_CERT, ConfigLoader::parsePath, null);
        Path tlsKey = get(Setting.TLS_KEY, ConfigLoader::parsePath, null);
        TlsSettings.PlainHttp plainHttp = get(Setting.TLS_PLAIN_HTTP, ConfigLoader::parsePlainHttp,
                TlsSettings.PlainHttp.REDIRECT);
        boolean forwardedHeaders = get(Setting.FORWARDED_HEADERS, ConfigLoader::parseBoolean, false);
        Duration trashRetention = get(Setting.TRASH_RETENTION, ConfigLoader::parseRetention, TrashRetention.DEFAULT);
        Duration auditRetention = get(Setting.AUDIT_RETENTION, ConfigLoader::parseDuration,
                ServerConfig.DEFAULT_AUDIT_RETENTION);
        int jobBatchSize = get(Setting.JOB_BATCH_SIZE, ConfigLoader::parseBatchSize, FileJobRunner.DEFAULT_BATCH_SIZE);
        boolean extractMetadata = get(Setting.EXTRACT_METADATA, ConfigLoader::parseBoolean, true);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ConfigException("HTTPS needs both tls_cert and tls_key (" + (tlsCert == null ? "tls_key" : "tls_cert")
                    + " is set alone)");
        }
        TlsSettings tls = tlsCert == null ? null : new TlsSettings(tlsCert, tlsKey, plainHttp);

        ServerConfig config = new ServerConfig(bind, port, publicUrl, dataDir, dbUrl, dbUser, dbPassword, blobStore,
                s3Endpoint, s3Region, s3PathStyle, signingKey, presignTtl, maxFormUpload, singlePutLimit, uploadTtl,
                rateLimit, rateLimitWindow, bootstrapToken, idleTimeout, authFailureLimit, authFailureWindow,
                previousSigningKeys, adminBind, adminPort, logFormat, tls, forwardedHeaders, finishedUploadRetention,
                trashRetention, auditRetention, jobBatchSize, extractMetadata);
        return new EffectiveConfig(config, sources, configFile);
    }

    /**
     * One presigned PUT for every size the blob store takes in one: any size on local disk (the
     * seed's {@code requests.put(uploadUrl, data=f)} works for a 200 GB BAM), 5 GiB on S3.
     */
    static long defaultSinglePutLimit(String blobStore) {
        return blobStore.startsWith("s3://") ? DEFAULT_S3_SINGLE_PUT_LIMIT : UploadSettings.MAX_FILE_SIZE;
    }

    /** The value of the first source that sets {@code s}, parsed; else the default. */
    private <T> T get(Setting s, Function<String, T> parser, T defaultValue) {
        String raw;
        ConfigSource source;
        if (present(flags.get(s))) {
            raw = flags.get(s);
            source = ConfigSource.flag(s.flag());
        } else if (present(env.get(s.env()))) {
            raw = env.get(s.env());
            source = ConfigSource.environment(s.env());
        } else if (fileValues.containsKey(s)) {
            FileValue fv = fileValues.get(s);
            raw = fv.value();
            source = ConfigSource.configFile(configFile.toString(), fv.keyAsWritten());
        } else {
            sources.put(s, ConfigSource.DEFAULT);
            return defaultValue;
        }
        sources.put(s, source);
        try {
            return parser.apply(raw.strip());
        } catch (BadValue e) {
            String shown = s.secret() ? "" : " '" + Redaction.url(raw) + "'";
            throw new ConfigException("invalid " + s.key() + shown + " (from " + source + "): " + e.getMessage());
        }
    }

    private static boolean present(String v) {
        return v != null && !v.isBlank();
    }

    // ---- the config file ----------------------------------------------------------------------

    private static Map<Setting, FileValue> readFile(Path file, String origin) {
        Map<String, String> raw;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " (from " + origin + ") "
                        + (Files.exists(file) ? "is not a regular file" : "does not exist"));
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            raw = name.endsWith(".properties") ? readProperties(file) : readYaml(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " (from " + origin + ") does not exist");
        } catch (JacksonException e) {
            throw new ConfigException("config file " + file + " (from " + origin + ") is not valid YAML: "
                    + firstLine(e.getOriginalMessage()) + locationOf(e));
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " (from " + origin + ") cannot be read: " + e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config file " + file + " (from " + origin + ") is not a valid properties file: "
                    + firstLine(e.getMessage()));
        }
        Map<Setting, FileValue> values = new EnumMap<>(Setting.class);
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            String written = entry.getKey();
            Setting setting = settingForKey(written);
            if (setting == null) {
                throw new ConfigException("config file " + file + ": unknown setting '" + written + "'; known settings: "
                        + Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.joining(", ")));
            }
            FileValue previous = values.get(setting);
            if (previous != null) {
                throw new ConfigException("config file " + file + ": '" + written + "' and '" + previous.keyAsWritten()
                        + "' both set " + setting.key() + "; keep one");
            }
            if (present(entry.getValue())) {
                values.put(setting, new FileValue(entry.getValue(), written));
            }
        }
        return values;
    }

    /** {@code public_url}, {@code public-url}, {@code PUBLIC_URL} and {@code public.url} all name PUBLIC_URL. */
    static Setting settingForKey(String key) {
        String normal = key.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        for (Setting s : Setting.values()) {
            if (s.name().equals(normal)) {
                return s;
            }
        }
        return null;
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            out.put(key, props.getProperty(key));
        }
        return out;
    }

    private static Map<String, String> readYaml(Path file) throws IOException {
        JsonNode root = new YAMLMapper().readTree(file.toFile());
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out; // an empty file sets nothing
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must be a mapping of settings (key: value), not a "
                    + root.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        flatten("", root, file, out);
        return out;
    }

    /** Nested mappings join their keys with '_': {@code s3: {region: x}} is {@code s3_region: x}. */
    private static void flatten(String prefix, JsonNode node, Path file, Map<String, String> out) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key + "_", value, file, out);
            } else if (value.isArray()) {
                throw new ConfigException("config file " + file + ": '" + key + "' must be a single value, not a list");
            } else if (!value.isNull()) {
                out.put(key, value.asText());
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static Path toPath(String value, String origin) {
        try {
            return Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new ConfigException("invalid config file path '" + value + "' (from " + origin + "): " + e.getReason());
        }
    }

    // ---- parsers: return the value, or throw BadValue with the reason -----------------------

    static String parseBind(String v) {
        if (v.chars().anyMatch(Character::isWhitespace)) {
            throw new BadValue("must be an IP address or host name such as 127.0.0.1 or 0.0.0.0");
        }
        return v;
    }

    static int parsePort(String v) {
        try {
            int port = Integer.parseInt(v);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new BadValue("must be a whole number from 0 to 65535 (0 picks a free port)");
    }

    static String parsePublicUrl(String v) {
        URI uri = parseUri(v, "must be an absolute http or https URL such as https://seqvault.example.org");
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new BadValue("must be an absolute http or https URL without query or fragment, such as "
                    + "https://seqvault.example.org");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    static String parseHttpUrl(String v) {
        URI uri = parseUri(v, "must be an http or https URL such as https://s3.eu-west-1.amazonaws.com");
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw new BadValue("must be an http or https URL such as https://s3.eu-west-1.amazonaws.com");
        }
        return v;
    }

    private static URI parseUri(String v, String reason) {
        try {
            return new URI(v);
        } catch (URISyntaxException e) {
            throw new BadValue(reason);
        }
    }

    static Path parsePath(String v) {
        try {
            return Path.of(v).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new BadValue("not a valid path: " + e.getReason());
        }
    }

    static String parseJdbcUrl(String v) {
        if (!v.startsWith("jdbc:") || v.length() <= "jdbc:".length()) {
            throw new BadValue("must be a JDBC URL such as jdbc:sqlite:/var/lib/seqvault/seqvault.db or "
                    + "jdbc:postgresql://db.example.org/seqvault");
        }
        return v;
    }

    static String parseBlobStore(String v) {
        if (v.startsWith("file:")) {
            String rest = v.substring("file:".length());
            if (rest.isEmpty()) {
                throw new BadValue("a file: blob store must name a local directory, such as file:/var/lib/seqvault/blobs");
            }
            Path path;
            try {
                path = rest.startsWith("//") ? Path.of(new URI(v)) : Path.of(rest);
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new BadValue("a file: blob store must name a local directory, such as file:/var/lib/seqvault/blobs");
            }
            return "file:" + path.toAbsolutePath().normalize();
        }
        if (v.startsWith("s3://")) {
            if (!S3_URI.matcher(v).matches()) {
                throw new BadValue("must be s3://bucket or s3://bucket/prefix with a valid S3 bucket name");
            }
            return v;
        }
        throw new BadValue("must be file:<directory> or s3://bucket[/prefix]");
    }

    static String parseRegion(String v) {
        if (!REGION.matcher(v).matches()) {
            throw new BadValue("must be an AWS region name such as eu-west-1");
        }
        return v;
    }

    static TlsSettings.PlainHttp parsePlainHttp(String v) {
        try {
            return TlsSettings.PlainHttp.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be redirect or refuse");
        }
    }

    static boolean parseBoolean(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new BadValue("must be true or false");
        };
    }

    static String parseSigningKey(String v) {
        if (v.length() < SigningKeys.MIN_SECRET_LENGTH) {
            throw new BadValue("must have at least " + SigningKeys.MIN_SECRET_LENGTH
                    + " characters (e.g. the output of: openssl rand -hex 32)");
        }
        return v;
    }

    /** Keys separated by commas (spaces around them are dropped), each as {@link #parseSigningKey} wants it. */
    static List<String> parseSigningKeys(String v) {
        List<String> keys = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            String key = part.strip();
            if (key.isEmpty()) {
                throw new BadValue("must be keys separated by commas, with no empty one between them");
            }
            if (key.length() < SigningKeys.MIN_SECRET_LENGTH) {
                throw new BadValue("each key must have at least " + SigningKeys.MIN_SECRET_LENGTH + " characters");
            }
            keys.add(key);
        }
        return List.copyOf(keys);
    }

    static String parseToken(String v) {
        if (v.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new BadValue("must not contain spaces or control characters");
        }
        if (v.length() < IdentityService.MIN_BOOTSTRAP_SECRET_LENGTH) {
            throw new BadValue("must have at least " + IdentityService.MIN_BOOTSTRAP_SECRET_LENGTH
                    + " characters, as it becomes an admin token (e.g. the output of: openssl rand -hex 32)");
        }
        return v;
    }

    /** Nodes per transaction of an async job: 1 to 100,000. */
    static int parseBatchSize(String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= MAX_JOB_BATCH_SIZE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new BadValue("must be a whole number from 1 to " + MAX_JOB_BATCH_SIZE);
    }

    /** A whole number of requests, 0 or more. */
    static long parseCount(String v) {
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new BadValue("must be a whole number, 0 or more (0 turns it off)");
    }

    /** Seconds ({@code 3600}), with a unit ({@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}) or ISO-8601 ({@code PT1H}). */
    /** A duration as {@link #parseDuration} reads it, or 0 (in any unit): "turned off". */
    static Duration parseRetention(String v) {
        Matcher m = DURATION.matcher(v);
        if (m.matches() && Long.parseLong(m.group(1)) == 0) {
            return Duration.ZERO;
        }
        try {
            return parseDuration(v);
        } catch (BadValue e) {
            throw new BadValue("must be 0 (off) or a positive number of seconds, such as 1209600 (units s, m, h, d are"
                    + " accepted: 14d)");
        }
    }

    static Duration parseDuration(String v) {
        Duration d;
        Matcher m = DURATION.matcher(v);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
                d = switch (unit.charAt(0)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> Duration.ofSeconds(n);
                };
            } else if (v.regionMatches(true, 0, "P", 0, 1)) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else {
                d = null;
            }
        } catch (ArithmeticException | DateTimeParseException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.isZero() || d.getNano() != 0) {
            throw new BadValue("must be a positive number of seconds, such as 3600 (units s, m, h, d are accepted: 1h)");
        }
        return d;
    }

    /** Sizes such as {@code 500MiB}, {@code 5GiB}, {@code 10MB} or a byte count. */
    static long parseSize(String v) {
        long n;
        try {
            n = ByteSize.parse(v);
        } catch (RuntimeException e) { // bad format, or too large for a long
            throw new BadValue("must be a size such as 500MiB, 5GiB, 10MB or a number of bytes");
        }
        if (n <= 0) {
            throw new BadValue("must be larger than 0");
        }
        return n;
    }
}
