package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares whole JSON answers with golden files under src/test/resources/golden. Volatile
 * values (ids, times, secrets, signatures, ports) are replaced by numbered placeholders, so
 * the same id gets the same placeholder everywhere in one test: references stay checked.
 * Presigned URLs are first rewritten into one form for every backend ({@link PresignedUrlForm}).
 * Run with -Dgolden.update=true to (re)write the files, then review the diff.
 */
final class Golden {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern VOLATILE = Pattern.compile(
            "(?<oid>\\b[0-9a-f]{24}\\b)"
                    + "|(?<prefixed>\\b(?:ws|tok|usr|up)_[a-z2-7]{16}\\b)"
                    + "|(?<secret>svt_[A-Za-z0-9_-]{43})"
                    + "|(?<time>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)"
                    + "|(?<req>req_[0-9a-f]+)"
                    + "|(?<host>127\\.0\\.0\\.1:\\d+)"
                    + "|(?<exp>exp=\\d+)"
                    + "|(?<kid>kid=[A-Za-z0-9_-]+)"
                    + "|(?<sig>sig=[A-Za-z0-9_-]+)"
                    + "|(?<token>token=(?!init\\b)[A-Za-z0-9_-]+)");

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();
    private final PresignedUrlForm presignedUrls;

    /** Use {@link ServerFixture#golden()}: it knows the backend's presigned URLs. */
    Golden(PresignedUrlForm presignedUrls) {
        this.presignedUrls = presignedUrls;
    }

    /** Asserts that the JSON equals the golden file {@code name}.json after normalisation. */
    void assertMatches(String name, JsonNode actual) throws IOException {
        String normalised = normalise(JSON.writeValueAsString(actual)) + "\n";
        Path file = DIR.resolve(name + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, normalised);
            return;
        }
        assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
        assertThat(normalised).as("answer vs %s", file).isEqualTo(Files.readString(file));
    }

    String normalise(String text) {
        Matcher m = VOLATILE.matcher(presignedUrls.neutralise(text));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(placeholder(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String placeholder(Matcher m) {
        if (m.group("oid") != null) {
            return numbered("id", m.group());
        }
        if (m.group("prefixed") != null) {
            String prefix = m.group().substring(0, m.group().indexOf('_'));
            return numbered(prefix, m.group());
        }
        if (m.group("secret") != null) {
            return numbered("secret", m.group());
        }
        if (m.group("time") != null) {
            return "<time>";
        }
        if (m.group("req") != null) {
            return "<request-id>";
        }
        if (m.group("host") != null) {
            return "<host>";
        }
        String g = m.group();
        return g.substring(0, g.indexOf('=') + 1) + "<" + g.substring(0, g.indexOf('=')) + ">";
    }

    private String numbered(String kind, String value) {
        return names.computeIfAbsent(value, v -> "<" + kind + "-" + counters.merge(kind, 1, Integer::sum) + ">");
    }
}
