package org.seqvault.cli.commands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.ConfigFile;
import org.seqvault.cli.UsageException;
import org.seqvault.client.SeqVault;
import org.seqvault.client.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** seqvault login --url URL [--token TOKEN]: checks the token, then stores both (mode 600). */
@Command(name = "login", description = {"Store the server URL and a token for the other commands.",
        "Without --token the token is asked for on a terminal, or read from the first line of stdin.",
        "The file (~/.config/seqvault/config.json, or $SEQVAULT_CONFIG_FILE) is readable only by you."})
public final class LoginCommand extends ClientCommand {
    @Option(names = "--url", paramLabel = "URL", description = "The server, e.g. http://127.0.0.1:8080 "
            + "(default: the URL stored before).")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "An API token (svt_…).")
    String token;

    LoginCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        ConfigFile config = ctx.config();
        ConfigFile.Login stored = config.read();
        String server = url != null ? url : stored != null ? stored.url() : null;
        if (server == null) {
            throw new UsageException("give the server with --url URL");
        }
        String secret = token != null ? token : askForToken(server);
        if (secret == null || secret.isBlank()) {
            throw new UsageException("no token given (use --token TOKEN, or type it when asked)");
        }
        User me;
        try (SeqVault sv = SeqVault.connect(server, secret.strip())) {
            me = sv.me();
        }
        config.write(new ConfigFile.Login(server, secret.strip()));
        err().println("logged in to " + server + " as " + me.username() + " (saved in " + config.path() + ")");
        return 0;
    }

    private String askForToken(String server) {
        java.io.Console console = System.console();
        if (ctx.stdinTerminal() && console != null) {
            char[] typed = console.readPassword("Token for %s: ", server);
            return typed == null ? null : new String(typed);
        }
        try {
            return new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token from stdin", e);
        }
    }
}
