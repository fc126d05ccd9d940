package org.seqvault.cli.commands;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.client.IssuedToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * seqvault web [--print]: opens the web file browser already signed in. The link carries a new
 * token of yours that lives 60 seconds, in the URL's fragment (which the browser never sends to a
 * server, so no access log sees it); the page trades it at once for a session token and revokes it.
 */
@Command(name = "web", description = "Open the web file browser in your browser, already signed in "
        + "(through a link that works once, within 60 seconds).")
public final class WebCommand extends ClientCommand {
    /** How long the link works: long enough for a browser to start. */
    static final Duration LINK_LIFETIME = Duration.ofSeconds(60);
    /** What the page needs: browse and change files and projects, trade the link and sign out (tokens). */
    static final List<String> LINK_SCOPES = List.of("files", "projects", "tokens");

    @Option(names = "--print", description = "Print the link instead of opening a browser.")
    boolean print;

    WebCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        IssuedToken link = sv().tokens().create(LINK_SCOPES, LINK_LIFETIME, "web sign-in link (seqvault web)");
        String url = signInUrl(sv().url(), link);
        String opener = print ? null : desktopOpener(ctx.env().getOrDefault("PATH", ""));
        if (opener != null && open(opener, url)) {
            out().println("Opened the web file browser in your browser (the sign-in link works once, for 60 seconds).");
            return 0;
        }
        if (!print) {
            err().println("seqvault: no browser opener (xdg-open, open) here; open this link within 60 seconds:");
        }
        out().println(url);
        return 0;
    }

    /** {@code <server>/#/signin/<token id>/<secret>}: the page reads it, then drops it from the history. */
    static String signInUrl(URI server, IssuedToken link) {
        String base = server.toString().replaceAll("/+$", "");
        return base + "/#/signin/" + link.id() + "/" + link.token();
    }

    /** The desktop's "open this URL" program on the PATH, or null (a server, a container). */
    private static String desktopOpener(String path) {
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        String name = mac ? "open" : "xdg-open";
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return name;
            }
        }
        return null;
    }

    private static boolean open(String opener, String url) {
        try {
            Process process = new ProcessBuilder(opener, url).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
