package org.seqvault.server;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that say where the data lives, for commands that work on the stores without
 * serving (scrub, collect). They are read exactly as {@code serve} reads them — flags, then
 * {@code SEQVAULT_*} environment, then the config file — so the same environment or config file
 * points every command at the same data.
 */
final class StoreOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML (.yaml/.yml) or .properties file with settings. Env: SEQVAULT_CONFIG.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory. Env: SEQVAULT_DATA_DIR. Default: ./seqvault-data.")
    String dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Metadata database. Env: SEQVAULT_DB_URL. Default: jdbc:sqlite:<data-dir>/seqvault.db.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user. Env: SEQVAULT_DB_USER.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "Database password (prefer the environment). Env: SEQVAULT_DB_PASSWORD.")
    String dbPassword;

    @Option(names = "--blob-store", paramLabel = "URI",
            description = "file:<dir> or s3://bucket[/prefix]. Env: SEQVAULT_BLOB_STORE. Default: file:<data-dir>/blobs.")
    String blobStore;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3 endpoint. Env: SEQVAULT_S3_ENDPOINT. Default: AWS.")
    String s3Endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION",
            description = "S3 region. Env: SEQVAULT_S3_REGION. Default: us-east-1 with --s3-endpoint, else the AWS SDK's.")
    String s3Region;

    @Option(names = "--s3-path-style", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            description = "Path-style S3 URLs. Env: SEQVAULT_S3_PATH_STYLE. Default: false.")
    String s3PathStyle;

    /** The values of these options by setting; options not given are absent. */
    Map<Setting, String> flags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        put(flags, Setting.DATA_DIR, dataDir);
        put(flags, Setting.DB_URL, dbUrl);
        put(flags, Setting.DB_USER, dbUser);
        put(flags, Setting.DB_PASSWORD, dbPassword);
        put(flags, Setting.BLOB_STORE, blobStore);
        put(flags, Setting.S3_ENDPOINT, s3Endpoint);
        put(flags, Setting.S3_REGION, s3Region);
        put(flags, Setting.S3_PATH_STYLE, s3PathStyle);
        return flags;
    }

    /** The configuration these options, the environment and the config file give. */
    EffectiveConfig resolve(Map<String, String> env) {
        return ConfigLoader.load(flags(), env, config);
    }

    static void put(Map<Setting, String> flags, Setting s, String value) {
        if (value != null) {
            flags.put(s, value);
        }
    }
}
