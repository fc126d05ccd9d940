package org.seqvault.cli.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.seqvault.cli.Output;
import org.seqvault.client.IssuedToken;
import picocli.CommandLine.Option;

/** Options and output shared by {@code tokens create} and {@code admin tokens create}. */
final class TokenOptions {
    @Option(names = "--scope", paramLabel = "SCOPE", required = true,
            description = "files, projects, tokens or admin (repeatable).")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--expires-in", paramLabel = "DURATION", description = "Lifetime: 3600, 90s, 15m, 12h, 30d.")
    String expiresIn;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the token is for.")
    String description;

    @Option(names = "--json", description = "Print the token as JSON (id, token, scopes, …).")
    boolean json;

    Duration lifetime() {
        return expiresIn == null ? null : Durations.parse("--expires-in", expiresIn);
    }

    /** The secret alone on stdout (so $(…) captures it), or the whole token as JSON. */
    void print(java.io.PrintStream out, java.io.PrintStream err, IssuedToken t) {
        if (json) {
            Output.json(out, t);
        } else {
            out.println(t.token());
            err.println("token " + t.id() + " for " + t.username() + " (" + String.join(",", t.scopes())
                    + "); the secret above is shown only once");
        }
    }
}
