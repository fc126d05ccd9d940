package org.seqvault.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.seqvault.client.ClientOptions;
import org.seqvault.client.SeqVault;

/**
 * What every command shares: the environment, the standard streams, whether they are
 * terminals, the {@code --debug} switch, and the SDK client made on first use from
 * {@code SEQVAULT_URL}/{@code SEQVAULT_TOKEN} or the login config file.
 */
public final class CliContext implements AutoCloseable {
    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean stdinTerminal;
    private final boolean stderrTerminal;
    private boolean debug;
    private SeqVault client;

    public CliContext(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean stdinTerminal,
                      boolean stderrTerminal) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
        this.stdinTerminal = stdinTerminal;
        this.stderrTerminal = stderrTerminal;
    }

    public Map<String, String> env() {
        return env;
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean stdinTerminal() {
        return stdinTerminal;
    }

    public boolean stderrTerminal() {
        return stderrTerminal;
    }

    public boolean debug() {
        return debug;
    }

    public void debug(boolean on) {
        this.debug = on;
    }

    public ConfigFile config() {
        return ConfigFile.locate(env);
    }

    /** The server this command talks to; {@link UsageException} when there is no login. */
    public SeqVault client() {
        if (client == null) {
            ConfigFile.Login stored = config().read();
            String url = firstSet(env.get("SEQVAULT_URL"), stored == null ? null : stored.url());
            String token = firstSet(env.get("SEQVAULT_TOKEN"), stored == null ? null : stored.token());
            if (url == null || token == null) {
                throw new UsageException("not logged in: run 'seqvault login --url URL' first "
                        + "(or set SEQVAULT_URL and SEQVAULT_TOKEN)");
            }
            ClientOptions options = ClientOptions.defaults().withUserAgent("seqvault-cli/" + ClientOptions.version())
                    .withRateLimitListener(this::rateLimited);
            client = SeqVault.connect(url, token, options.withRetry(options.retry().withMaxAttempts(maxAttempts())));
        }
        return client;
    }

    /** The server refused a call with 429: say so, or a long wait would look like a hang. */
    private void rateLimited(String call, Duration wait) {
        // On a terminal the progress bar holds the line: start a fresh one.
        err.println((stderrTerminal ? System.lineSeparator() : "") + "seqvault: rate limited by the server; waiting "
                + Math.max(1, wait.toSeconds()) + " s (Retry-After)");
    }

    /** {@code SEQVAULT_MAX_ATTEMPTS}: tries per call, part or range (default 6). */
    private int maxAttempts() {
        String v = env.get("SEQVAULT_MAX_ATTEMPTS");
        if (v == null || v.isBlank()) {
            return ClientOptions.defaults().retry().maxAttempts();
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("SEQVAULT_MAX_ATTEMPTS must be a whole number from 1, not '" + v + "'");
    }

    private static String firstSet(String a, String b) {
        return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
