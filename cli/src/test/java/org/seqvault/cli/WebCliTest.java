package org.seqvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.cli.CliRunner.Result;
import org.seqvault.client.internal.Json;
import org.seqvault.testkit.TestServer;

/**
 * {@code seqvault web} against the real server process: the link it prints names a new token of
 * the user in the URL's fragment, valid for about a minute, with the scopes the page needs.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WebCliTest {
    private static final Pattern LINK = Pattern.compile("^(http://[^#\\s]+)/#/signin/([^/\\s]+)/(\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path tmp;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void printsAOneMinuteSignInLinkWhoseTokenIsTheUsersAndListedAsSuch() throws Exception {
        server = TestServer.start(tmp.resolve("data"));
        String token = server.userToken("wendy");
        CliRunner cli = new CliRunner(Map.of("HOME", tmp.toString(), "SEQVAULT_URL", server.url(),
                "SEQVAULT_TOKEN", token, "PATH", ""));

        Result printed = cli.run("web", "--print");
        assertThat(printed.exit()).as(printed.toString()).isZero();
        Matcher link = LINK.matcher(printed.out().strip());
        assertThat(link.find()).as("a link: " + printed.out()).isTrue();
        assertThat(link.group(1)).isEqualTo(server.url());

        JsonNode me = get("/v2/user", link.group(3));
        assertThat(me.get("username").asText()).as("the link's secret is a token of the same user").isEqualTo("wendy");
        JsonNode listed = null;
        for (JsonNode t : get("/v1/tokens", token).get("tokens")) {
            if (t.get("id").asText().equals(link.group(2))) {
                listed = t;
            }
        }
        assertThat(listed).as("the link names its token's id").isNotNull();
        assertThat(listed.get("description").asText()).contains("web sign-in link");
        assertThat(listed.get("expires_at").isNull()).as("the link's token expires").isFalse();
        assertThat(java.time.Instant.parse(listed.get("expires_at").asText()))
                .isBefore(java.time.Instant.parse(listed.get("created_at").asText()).plusSeconds(61));

        Result noOpener = cli.run("web");
        assertThat(noOpener.exit()).as(noOpener.toString()).isZero();
        assertThat(noOpener.err()).contains("no browser opener");
        assertThat(LINK.matcher(noOpener.out().strip()).find()).as("the link printed instead").isTrue();
    }

    private JsonNode get(String path, String token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
            return Json.MAPPER.readTree(answer.body());
        }
    }
}
