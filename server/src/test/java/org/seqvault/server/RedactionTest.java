package org.seqvault.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final String SIGNING_KEY = "signing-key-0123456789abcdef";
    private static final String DB_PASSWORD = "db-pass-s3cr3t";
    private static final String TOKEN = "bootstrap-token-abcdef0123456789abcdef";
    private static final String URL_PASSWORD = "url-pass-s3cr3t";
    private static final String PREVIOUS_KEY = "previous-signing-key-0123456789";

    @Test
    void renderedConfigContainsNoSecret() {
        EffectiveConfig eff = ConfigLoader.load(
                Map.of(Setting.SIGNING_KEY, SIGNING_KEY, Setting.DB_URL,
                        "jdbc:postgresql://db.example.org/sv?user=sv&password=" + URL_PASSWORD + "&ssl=true"),
                Map.of("SEQVAULT_DB_PASSWORD", DB_PASSWORD, "SEQVAULT_BOOTSTRAP_TOKEN", TOKEN,
                        "SEQVAULT_S3_ENDPOINT", "https://key:" + URL_PASSWORD + "@s3.example.org",
                        "SEQVAULT_PREVIOUS_SIGNING_KEYS", PREVIOUS_KEY + "," + PREVIOUS_KEY + "-2"),
                null);

        String all = String.join("\n", eff.describe()) + "\n" + eff.describeCompact() + "\n" + eff.config();
        for (String secret : new String[] {SIGNING_KEY, DB_PASSWORD, TOKEN, URL_PASSWORD, PREVIOUS_KEY}) {
            assertThat(all).doesNotContain(secret);
        }
        assertThat(eff.describe())
                .contains("signing_key = <redacted> (flag --signing-key)")
                .contains("db_password = <redacted> (environment SEQVAULT_DB_PASSWORD)")
                .contains("bootstrap_token = <redacted> (environment SEQVAULT_BOOTSTRAP_TOKEN)")
                .contains("previous_signing_keys = [<redacted>, <redacted>] (environment SEQVAULT_PREVIOUS_SIGNING_KEYS)")
                .contains("db_url = jdbc:postgresql://db.example.org/sv?user=sv&password=<redacted>&ssl=true (flag --db-url)")
                .contains("s3_endpoint = https://key:<redacted>@s3.example.org (environment SEQVAULT_S3_ENDPOINT)")
                .contains("port = 8080 (default)");
        assertThat(eff.describe()).hasSize(Setting.values().length);
    }

    @Test
    void unsetSecretsSayHowTheyAreProvided() {
        EffectiveConfig eff = ConfigLoader.load(Map.of(), Map.of(), null);
        assertThat(eff.display(Setting.SIGNING_KEY)).startsWith("(kept in ").endsWith("signing.key)");
        assertThat(eff.display(Setting.BOOTSTRAP_TOKEN)).isEqualTo("(none)");
        assertThat(eff.display(Setting.DB_PASSWORD)).isEqualTo("(none)");
    }

    @Test
    void jdbcUrlForms() {
        assertThat(Redaction.url("jdbc:postgresql://alice:pw@db:5432/sv")).isEqualTo("jdbc:postgresql://alice:<redacted>@db:5432/sv");
        assertThat(Redaction.url("jdbc:postgresql://db/sv?password=pw")).isEqualTo("jdbc:postgresql://db/sv?password=<redacted>");
        assertThat(Redaction.url("jdbc:postgresql://db/sv?sslpassword=pw&user=a")).isEqualTo("jdbc:postgresql://db/sv?sslpassword=<redacted>&user=a");
        assertThat(Redaction.url("jdbc:sqlserver://db;user=a;password=pw;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=a;password=<redacted>;encrypt=true");
        assertThat(Redaction.url("jdbc:oracle:thin:scott/tiger@db:1521/orcl")).isEqualTo("jdbc:oracle:thin:scott/<redacted>@db:1521/orcl");
        assertThat(Redaction.url("jdbc:sqlite:/var/lib/seqvault/seqvault.db")).isEqualTo("jdbc:sqlite:/var/lib/seqvault/seqvault.db");
        assertThat(Redaction.url("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThat(Redaction.url(null)).isNull();
    }

    @Test
    void errorMessagesDoNotEchoPasswordsInUrls() {
        try {
            ConfigLoader.load(Map.of(Setting.DB_URL, "postgresql://u:" + URL_PASSWORD + "@db/sv"), Map.of(), null);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).startsWith("invalid db_url").doesNotContain(URL_PASSWORD);
            return;
        }
        throw new AssertionError("expected a ConfigException");
    }
}
