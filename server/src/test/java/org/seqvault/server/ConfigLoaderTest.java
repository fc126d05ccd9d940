package org.seqvault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static EffectiveConfig load(Map<Setting, String> flags, Map<String, String> env, Path file) {
        return ConfigLoader.load(flags, env, file);
    }

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("seqvault.yaml"), text);
    }

    private Path properties(String text) throws IOException {
        return Files.writeString(dir.resolve("seqvault.properties"), text);
    }

    @Test
    void defaults() {
        EffectiveConfig eff = load(Map.of(), Map.of(), null);
        ServerConfig c = eff.config();
        Path data = Path.of("seqvault-data").toAbsolutePath();
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.publicUrl()).isNull();
        assertThat(c.dataDir()).isEqualTo(data);
        assertThat(c.dbUrl()).isEqualTo("jdbc:sqlite:" + data.resolve("seqvault.db"));
        assertThat(c.dbUser()).isNull();
        assertThat(c.dbPassword()).isNull();
        assertThat(c.blobStore()).isEqualTo("file:" + data.resolve("blobs"));
        assertThat(c.s3Endpoint()).isNull();
        assertThat(c.s3Region()).isNull();
        assertThat(c.s3PathStyle()).isFalse();
        assertThat(c.signingKey()).isNull();
        assertThat(c.presignTtl()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(c.maxFormUpload()).isEqualTo(500L * 1024 * 1024);
        assertThat(c.singlePutLimit()).as("local files: every size in one PUT").isEqualTo(5L << 40);
        assertThat(c.uploadTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.rateLimit()).as("no per-token rate limit").isZero();
        assertThat(c.bootstrapToken()).isNull();
        assertThat(c.authFailureLimit()).isEqualTo(20);
        assertThat(c.authFailureWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.trashRetention()).isEqualTo(Duration.ofDays(14));
        assertThat(c.auditRetention()).isEqualTo(Duration.ofDays(365));
        assertThat(eff.configFile()).isNull();
        for (Setting s : Setting.values()) {
            assertThat(eff.source(s).kind()).as(s.key()).isEqualTo(ConfigSource.Kind.DEFAULT);
        }
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Path file = yaml("""
                port: 1111
                bind: 10.0.0.1
                presign_ttl: 60
                max_form_upload: 1MiB
                upload_ttl: 120
                """);
        Map<String, String> env = Map.of(
                "SEQVAULT_PORT", "2222",
                "SEQVAULT_BIND", "10.0.0.2",
                "SEQVAULT_PRESIGN_TTL", "70");
        Map<Setting, String> flags = Map.of(Setting.PORT, "3333");

        EffectiveConfig eff = load(flags, env, file);
        ServerConfig c = eff.config();

        assertThat(c.port()).isEqualTo(3333);                        // flag > env > file
        assertThat(c.bind()).isEqualTo("10.0.0.2");                  // env > file
        assertThat(c.presignTtl()).isEqualTo(Duration.ofSeconds(70)); // env > file
        assertThat(c.maxFormUpload()).isEqualTo(1 << 20);            // file > default
        assertThat(c.uploadTtl()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.singlePutLimit()).isEqualTo(5L << 40);          // default (local files)

        assertThat(eff.source(Setting.PORT)).hasToString("flag --port");
        assertThat(eff.source(Setting.BIND)).hasToString("environment SEQVAULT_BIND");
        assertThat(eff.source(Setting.MAX_FORM_UPLOAD).toString()).startsWith("config file " + file);
        assertThat(eff.source(Setting.SINGLE_PUT_LIMIT)).hasToString("default");
        assertThat(eff.configFile()).isEqualTo(file);
    }

    @Test
    void eachLayerAloneWinsOverTheDefault() throws IOException {
        assertThat(load(Map.of(Setting.BIND, "0.0.0.0"), Map.of(), null).config().bind()).isEqualTo("0.0.0.0");
        assertThat(load(Map.of(), Map.of("SEQVAULT_BIND", "0.0.0.0"), null).config().bind()).isEqualTo("0.0.0.0");
        assertThat(load(Map.of(), Map.of(), yaml("bind: 0.0.0.0")).config().bind()).isEqualTo("0.0.0.0");
    }

    @Test
    void theSinglePutLimitDefaultsToTheMostTheBlobStoreTakesInOnePut() {
        assertThat(load(Map.of(), Map.of("SEQVAULT_BLOB_STORE", "s3://bucket/prefix"), null).config().singlePutLimit())
                .as("S3's largest single PUT").isEqualTo(5L << 30);
        assertThat(load(Map.of(), Map.of("SEQVAULT_BLOB_STORE", "file:/srv/blobs"), null).config().singlePutLimit())
                .as("local files: every size").isEqualTo(5L << 40);
        assertThat(load(Map.of(Setting.SINGLE_PUT_LIMIT, "100MiB"), Map.of("SEQVAULT_BLOB_STORE", "s3://bucket"), null)
                .config().singlePutLimit()).as("an explicit setting wins").isEqualTo(100L << 20);
    }

    @Test
    void blankValuesCountAsUnset() throws IOException {
        Path file = yaml("port: 1111\nsigning_key: ''\n");
        EffectiveConfig eff = load(Map.of(), Map.of("SEQVAULT_PORT", "  ", "SEQVAULT_SIGNING_KEY", ""), file);
        assertThat(eff.config().port()).isEqualTo(1111);
        assertThat(eff.config().signingKey()).isNull();
    }

    @Test
    void dataDirDerivesDatabaseAndBlobStoreDefaults() {
        Path data = dir.resolve("data");
        ServerConfig c = load(Map.of(), Map.of("SEQVAULT_DATA_DIR", data.toString()), null).config();
        assertThat(c.dataDir()).isEqualTo(data);
        assertThat(c.dbUrl()).isEqualTo("jdbc:sqlite:" + data.resolve("seqvault.db"));
        assertThat(c.blobStore()).isEqualTo("file:" + data.resolve("blobs"));
    }

    @Test
    void explicitDatabaseAndBlobStoreAreKept() {
        ServerConfig c = load(Map.of(Setting.DB_URL, "jdbc:postgresql://db/seqvault", Setting.BLOB_STORE, "s3://my-bucket/sv"),
                Map.of("SEQVAULT_DB_USER", "sv", "SEQVAULT_DB_PASSWORD", "pw"), null).config();
        assertThat(c.dbUrl()).isEqualTo("jdbc:postgresql://db/seqvault");
        assertThat(c.dbUser()).isEqualTo("sv");
        assertThat(c.dbPassword()).isEqualTo("pw");
        assertThat(c.blobStore()).isEqualTo("s3://my-bucket/sv");
    }

    @Test
    void yamlFileWithEverySettingInSnakeCase() throws IOException {
        Path file = yaml("""
                # every setting
                bind: 0.0.0.0
                port: 9000
                public_url: https://seqvault.example.org/
                data_dir: %s
                db_url: jdbc:postgresql://db.example.org/seqvault
                db_user: seqvault
                db_password: hunter2hunter2
                blob_store: s3://genomics-bucket/prefix
                s3_endpoint: http://127.0.0.1:9001
                s3_region: eu-west-1
                s3_path_style: true
                signing_key: 0123456789abcdef0123
                presign_ttl: 1h
                max_form_upload: 2GiB
                single_put_limit: 100MiB
                upload_ttl: 2d
                bootstrap_token: admin-token-0123456789abcdef0123456789
                """.formatted(dir.resolve("d")));
        ServerConfig c = load(Map.of(), Map.of(), file).config();
        assertThat(c).isEqualTo(new ServerConfig("0.0.0.0", 9000, "https://seqvault.example.org", dir.resolve("d"),
                "jdbc:postgresql://db.example.org/seqvault", "seqvault", "hunter2hunter2", "s3://genomics-bucket/prefix",
                "http://127.0.0.1:9001", "eu-west-1", true, "0123456789abcdef0123", Duration.ofHours(1), 2L << 30,
                100L << 20, Duration.ofDays(2), 0, Duration.ofMinutes(5), "admin-token-0123456789abcdef0123456789"));
    }

    @Test
    void yamlAcceptsKebabCaseAndNestedKeys() throws IOException {
        Path file = yaml("""
                public-url: http://files.example.org
                max-form-upload: 10MB
                single-put-limit: 1048576
                s3:
                  region: us-east-1
                  path-style: yes
                db:
                  user: alice
                """);
        ServerConfig c = load(Map.of(), Map.of(), file).config();
        assertThat(c.publicUrl()).isEqualTo("http://files.example.org");
        assertThat(c.maxFormUpload()).isEqualTo(10_000_000L);
        assertThat(c.singlePutLimit()).isEqualTo(1_048_576L);
        assertThat(c.s3Region()).isEqualTo("us-east-1");
        assertThat(c.s3PathStyle()).isTrue();
        assertThat(c.dbUser()).isEqualTo("alice");
    }

    @Test
    void propertiesFileWithSnakeAndKebabKeys() throws IOException {
        Path file = properties("""
                # a comment
                port=7000
                public-url=http://localhost:7000
                data_dir=%s
                presign-ttl=15m
                s3.path-style=on
                bootstrap_token=tok-0123456789abcdef0123456789abcdef
                """.formatted(dir.resolve("pdata")));
        EffectiveConfig eff = load(Map.of(), Map.of(), file);
        ServerConfig c = eff.config();
        assertThat(c.port()).isEqualTo(7000);
        assertThat(c.publicUrl()).isEqualTo("http://localhost:7000");
        assertThat(c.dataDir()).isEqualTo(dir.resolve("pdata"));
        assertThat(c.presignTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.s3PathStyle()).isTrue();
        assertThat(c.bootstrapToken()).isEqualTo("tok-0123456789abcdef0123456789abcdef");
        assertThat(eff.source(Setting.PUBLIC_URL).toString()).contains("key public-url");
    }

    @Test
    void configFileFromEnvironmentWhenNoFlag() throws IOException {
        Path file = yaml("port: 4444");
        Path other = Files.writeString(dir.resolve("other.yml"), "port: 5555");
        assertThat(load(Map.of(), Map.of("SEQVAULT_CONFIG", file.toString()), null).config().port()).isEqualTo(4444);
        assertThat(load(Map.of(), Map.of("SEQVAULT_CONFIG", file.toString()), other).config().port()).isEqualTo(5555);
    }

    @Test
    void emptyYamlFileSetsNothing() throws IOException {
        assertThat(load(Map.of(), Map.of(), yaml("# nothing here\n")).config().port()).isEqualTo(8080);
    }

    @Test
    void durationsAndSizesInSeveralForms() {
        assertThat(ConfigLoader.parseDuration("3600")).isEqualTo(Duration.ofHours(1));
        assertThat(ConfigLoader.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ConfigLoader.parseDuration("24h")).isEqualTo(Duration.ofDays(1));
        assertThat(ConfigLoader.parseDuration("PT30M")).isEqualTo(Duration.ofMinutes(30));
        assertThat(ConfigLoader.parseSize("500MiB")).isEqualTo(500L << 20);
        assertThat(ConfigLoader.parseSize("5GiB")).isEqualTo(5L << 30);
        assertThat(ConfigLoader.parseSize("1048576")).isEqualTo(1L << 20);
    }

    @Test
    void fileBlobStoreIsMadeAbsolute() {
        assertThat(ConfigLoader.parseBlobStore("file:///var/lib/sv/blobs")).isEqualTo("file:/var/lib/sv/blobs");
        assertThat(ConfigLoader.parseBlobStore("file:blobs")).isEqualTo("file:" + Path.of("blobs").toAbsolutePath());
    }

    // ---- invalid values: one line naming the setting and the source --------------------------

    @Test
    void portOutOfRangeNamesSettingAndFlag() {
        assertThatThrownBy(() -> load(Map.of(Setting.PORT, "70000"), Map.of(), null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid port '70000' (from flag --port): must be a whole number from 0 to 65535 (0 picks a free port)");
    }

    @Test
    void badSizeNamesSettingAndEnvironment() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("SEQVAULT_MAX_FORM_UPLOAD", "lots"), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid max_form_upload 'lots' (from environment SEQVAULT_MAX_FORM_UPLOAD)")
                .hasMessageNotContaining("\n");
    }

    /** The region the S3 client signs for (S3Settings.effectiveRegion) is what the effective config shows. */
    @Test
    void s3RegionDefaultShownAsUsed() {
        assertThat(load(Map.of(), Map.of(), null).display(Setting.S3_REGION)).isEqualTo("(AWS default chain)");
        assertThat(load(Map.of(), Map.of("SEQVAULT_S3_ENDPOINT", "http://127.0.0.1:9000"), null)
                .display(Setting.S3_REGION)).isEqualTo("us-east-1 (default with an S3 endpoint)");
        assertThat(load(Map.of(), Map.of("SEQVAULT_S3_ENDPOINT", "http://127.0.0.1:9000", "SEQVAULT_S3_REGION",
                "eu-west-1"), null).display(Setting.S3_REGION)).isEqualTo("eu-west-1");
    }

    @Test
    void badValueInFileNamesFileAndKey() throws IOException {
        Path file = yaml("single-put-limit: -5\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid single_put_limit '-5' (from config file " + file + ", key single-put-limit)");
    }

    @Test
    void invalidValuesAreRejected() {
        Map<Setting, String> bad = Map.ofEntries(
                Map.entry(Setting.PORT, "http"),
                Map.entry(Setting.PUBLIC_URL, "seqvault.example.org"),
                Map.entry(Setting.DB_URL, "postgres://db/x"),
                Map.entry(Setting.BLOB_STORE, "gs://bucket"),
                Map.entry(Setting.S3_ENDPOINT, "not a url"),
                Map.entry(Setting.S3_PATH_STYLE, "maybe"),
                Map.entry(Setting.PRESIGN_TTL, "0"),
                Map.entry(Setting.UPLOAD_TTL, "-1"),
                Map.entry(Setting.MAX_FORM_UPLOAD, "0"),
                Map.entry(Setting.SINGLE_PUT_LIMIT, "99999999999TiB"),
                Map.entry(Setting.BIND, "127.0.0.1 8080"),
                Map.entry(Setting.AUTH_FAILURE_LIMIT, "-1"),
                Map.entry(Setting.AUTH_FAILURE_WINDOW, "0"),
                Map.entry(Setting.TRASH_RETENTION, "-1d"),
                Map.entry(Setting.AUDIT_RETENTION, "forever"));
        bad.forEach((setting, value) -> assertThatThrownBy(() -> load(Map.of(setting, value), Map.of(), null))
                .as(setting.key())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid " + setting.key() + " '")
                .hasMessageContaining("(from flag " + setting.flag() + ")"));
    }

    @Test
    void failedAuthenticationLimitFromEveryLayer() throws IOException {
        ServerConfig c = load(Map.of(Setting.AUTH_FAILURE_LIMIT, "5"), Map.of("SEQVAULT_AUTH_FAILURE_WINDOW", "2m"),
                null).config();
        assertThat(c.authFailureLimit()).isEqualTo(5);
        assertThat(c.authFailureWindow()).isEqualTo(Duration.ofMinutes(2));
        EffectiveConfig off = load(Map.of(), Map.of(), yaml("auth-failure-limit: 0\n"));
        assertThat(off.config().authFailureLimit()).isZero();
        assertThat(off.display(Setting.AUTH_FAILURE_LIMIT)).isEqualTo("off");
    }

    @Test
    void trashRetentionTakesADurationOrZeroForNoTrash() throws IOException {
        assertThat(load(Map.of(Setting.TRASH_RETENTION, "30d"), Map.of(), null).config().trashRetention())
                .isEqualTo(Duration.ofDays(30));
        assertThat(load(Map.of(), Map.of("SEQVAULT_TRASH_RETENTION", "3600"), null).config().trashRetention())
                .isEqualTo(Duration.ofHours(1));
        EffectiveConfig off = load(Map.of(), Map.of(), yaml("trash_retention: 0\n"));
        assertThat(off.config().trashRetention()).isZero();
        assertThat(off.display(Setting.TRASH_RETENTION)).isEqualTo("0 (no trash: deletes are final)");
        assertThat(load(Map.of(Setting.TRASH_RETENTION, "0d"), Map.of(), null).config().trashRetention()).isZero();
        assertThatThrownBy(() -> load(Map.of(Setting.TRASH_RETENTION, "two weeks"), Map.of(), null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid trash_retention 'two weeks' (from flag --trash-retention): must be 0 (off) or a"
                        + " positive number of seconds, such as 1209600 (units s, m, h, d are accepted: 14d)");
    }

    @Test
    void auditRetentionFromEveryLayer() throws IOException {
        assertThat(load(Map.of(), Map.of(), yaml("audit_retention: 90d\n")).config().auditRetention())
                .isEqualTo(Duration.ofDays(90));
        EffectiveConfig env = load(Map.of(), Map.of("SEQVAULT_AUDIT_RETENTION", "730d"), yaml("audit_retention: 90d\n"));
        assertThat(env.config().auditRetention()).isEqualTo(Duration.ofDays(730));
        assertThat(env.display(Setting.AUDIT_RETENTION)).isEqualTo("730d");
        EffectiveConfig flag = load(Map.of(Setting.AUDIT_RETENTION, "36h"), Map.of("SEQVAULT_AUDIT_RETENTION", "730d"),
                null);
        assertThat(flag.config().auditRetention()).isEqualTo(Duration.ofHours(36));
        assertThat(flag.display(Setting.AUDIT_RETENTION)).isEqualTo("129600s");
    }

    @Test
    void jobBatchSizeFromEveryLayerWithinItsBounds() throws IOException {
        assertThat(load(Map.of(), Map.of(), null).config().jobBatchSize()).isEqualTo(500);
        assertThat(load(Map.of(), Map.of(), yaml("job_batch_size: 50\n")).config().jobBatchSize()).isEqualTo(50);
        EffectiveConfig env = load(Map.of(), Map.of("SEQVAULT_JOB_BATCH_SIZE", "3"), yaml("job_batch_size: 50\n"));
        assertThat(env.config().jobBatchSize()).isEqualTo(3);
        assertThat(env.display(Setting.JOB_BATCH_SIZE)).isEqualTo("3 nodes per transaction");
        assertThat(load(Map.of(Setting.JOB_BATCH_SIZE, "100000"), Map.of(), null).config().jobBatchSize())
                .isEqualTo(100_000);
        for (String bad : List.of("0", "-5", "100001", "many")) {
            assertThatThrownBy(() -> load(Map.of(Setting.JOB_BATCH_SIZE, bad), Map.of(), null))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("invalid job_batch_size '" + bad + "' (from flag --job-batch-size): must be a whole"
                            + " number from 1 to 100000");
        }
    }

    @Test
    void headerExtractionIsOnUnlessALayerTurnsItOff() throws IOException {
        assertThat(load(Map.of(), Map.of(), null).config().extractMetadata()).isTrue();
        EffectiveConfig file = load(Map.of(), Map.of(), yaml("extract_metadata: false\n"));
        assertThat(file.config().extractMetadata()).isFalse();
        assertThat(file.display(Setting.EXTRACT_METADATA)).isEqualTo("false");
        assertThat(load(Map.of(), Map.of("SEQVAULT_EXTRACT_METADATA", "false"), yaml("extract_metadata: true\n"))
                .config().extractMetadata()).isFalse();
        assertThat(load(Map.of(Setting.EXTRACT_METADATA, "true"), Map.of("SEQVAULT_EXTRACT_METADATA", "false"), null)
                .config().extractMetadata()).isTrue();
        assertThatThrownBy(() -> load(Map.of(), Map.of("SEQVAULT_EXTRACT_METADATA", "sometimes"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SEQVAULT_EXTRACT_METADATA");
    }

    @Test
    void previousSigningKeysAreACommaSeparatedListOfSecrets() throws IOException {
        assertThat(load(Map.of(), Map.of(), null).config().previousSigningKeys()).isEmpty();
        ServerConfig c = load(Map.of(), Map.of("SEQVAULT_PREVIOUS_SIGNING_KEYS",
                " first-old-key-0123456789 ,second-old-key-0123456789"), null).config();
        assertThat(c.previousSigningKeys()).containsExactly("first-old-key-0123456789", "second-old-key-0123456789");
        assertThat(load(Map.of(), Map.of(), yaml("previous-signing-keys: only-old-key-0123456789\n")).config()
                .previousSigningKeys()).containsExactly("only-old-key-0123456789");
        for (String bad : List.of("long-enough-old-key-0123,short-old", "long-enough-old-key-0123,,other-long-key-0123")) {
            assertThatThrownBy(() -> load(Map.of(Setting.PREVIOUS_SIGNING_KEYS, bad), Map.of(), null))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("invalid previous_signing_keys (from flag --previous-signing-keys): ")
                    .hasMessageNotContaining("short-old")
                    .hasMessageNotContaining("long-enough-old-key");
        }
    }

    @Test
    void shortBootstrapTokenIsRejectedWithoutEchoingIt() {
        String shortToken = "svt_" + "x".repeat(27); // 31 characters
        assertThatThrownBy(() -> load(Map.of(), Map.of("SEQVAULT_BOOTSTRAP_TOKEN", shortToken), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid bootstrap_token (from environment SEQVAULT_BOOTSTRAP_TOKEN): must have"
                        + " at least 32 characters")
                .hasMessageNotContaining(shortToken);
        assertThat(load(Map.of(), Map.of("SEQVAULT_BOOTSTRAP_TOKEN", shortToken + "y"), null).config().bootstrapToken())
                .hasSize(32);
    }

    @Test
    void shortSigningKeyIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("SEQVAULT_SIGNING_KEY", "tiny-secret"), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid signing_key (from environment SEQVAULT_SIGNING_KEY): must have at least 16")
                .hasMessageNotContaining("tiny-secret");
    }

    @Test
    void unknownKeyInFileIsAnError() throws IOException {
        Path file = yaml("prot: 8080\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting 'prot'")
                .hasMessageContaining(file.toString());
    }

    @Test
    void sameSettingTwiceInFileIsAnError() throws IOException {
        Path file = yaml("public_url: http://a.example\npublic-url: http://b.example\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("both set public_url");
    }

    @Test
    void missingOrBrokenFileIsAnError() throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + missing + " (from flag --config) does not exist");
        assertThatThrownBy(() -> load(Map.of(), Map.of("SEQVAULT_CONFIG", missing.toString()), null))
                .hasMessageContaining("(from environment SEQVAULT_CONFIG)");
        Path broken = yaml("port: [8080\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), broken))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid YAML")
                .hasMessageNotContaining("\n");
        Path list = yaml("- port\n- 8080\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), list))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a mapping");
    }

    @Test
    void keysAreMatchedInEveryCase() {
        assertThat(ConfigLoader.settingForKey("public_url")).isEqualTo(Setting.PUBLIC_URL);
        assertThat(ConfigLoader.settingForKey("public-url")).isEqualTo(Setting.PUBLIC_URL);
        assertThat(ConfigLoader.settingForKey("PUBLIC_URL")).isEqualTo(Setting.PUBLIC_URL);
        assertThat(ConfigLoader.settingForKey("s3.path-style")).isEqualTo(Setting.S3_PATH_STYLE);
        assertThat(ConfigLoader.settingForKey("nope")).isNull();
    }

    @Test
    void settingNames() {
        assertThat(Setting.SINGLE_PUT_LIMIT.key()).isEqualTo("single_put_limit");
        assertThat(Setting.SINGLE_PUT_LIMIT.flag()).isEqualTo("--single-put-limit");
        assertThat(Setting.SINGLE_PUT_LIMIT.env()).isEqualTo("SEQVAULT_SINGLE_PUT_LIMIT");
        assertThat(Setting.DB_PASSWORD.env()).isEqualTo("SEQVAULT_DB_PASSWORD");
    }
}
