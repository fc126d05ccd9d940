package org.seqvault.cli.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.seqvault.cli.Output;
import org.seqvault.cli.UsageException;
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
        if (expiresIn == null) {
            return null;
        }
        String v = expiresIn.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            char unit = v.charAt(v.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new UsageException("--expires-in '" + expiresIn + "': use seconds or a number with s, m, h or d");
        }
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
