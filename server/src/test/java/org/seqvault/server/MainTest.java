package org.seqvault.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line without starting a server: exit codes and error output. */
class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void invalidFlagValueIsOneLineOnStderrWithExitCode2() {
        int code = run(Map.of(), "serve", "--port", "65536");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(
                "seqvault serve: invalid port '65536' (from flag --port): must be a whole number from 0 to 65535 (0 picks a free port)"
                        + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aShortBootstrapTokenStopsServeWithExitCode2AndSaysWhy() {
        // An impossible data directory: were the token let through, start would fail (exit 1) rather than serve.
        int code = run(Map.of("SEQVAULT_BOOTSTRAP_TOKEN", "svt_admin-token-too-short"), "serve", "--data-dir",
                "/dev/null/seqvault");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("seqvault serve: invalid bootstrap_token (from environment"
                + " SEQVAULT_BOOTSTRAP_TOKEN): must have at least 32 characters, as it becomes an admin token"
                + " (e.g. the output of: openssl rand -hex 32)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void invalidEnvironmentValueNamesTheVariable() {
        int code = run(Map.of("SEQVAULT_UPLOAD_TTL", "soon"), "serve");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("seqvault serve: invalid upload_ttl 'soon' (from environment SEQVAULT_UPLOAD_TTL)")
                .doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run(Map.of(), "serve", "--prot", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option").contains("'--prot'");
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand");
    }

    @Test
    void helpListsServe() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("serve");
    }

    @Test
    void serveOptionsMirrorEverySetting() {
        CommandLine serve = Main.commandLine(Map.of()).getSubcommands().get("serve");
        for (Setting s : Setting.values()) {
            assertThat(serve.getCommandSpec().findOption(s.flag())).as(s.flag()).isNotNull();
        }
        assertThat(serve.getCommandSpec().findOption("--config")).isNotNull();
    }

    @Test
    void flagsReachTheLoaderWithPrecedenceOverEnvironment() {
        CommandLine cl = Main.commandLine(Map.of("SEQVAULT_PORT", "1", "SEQVAULT_BIND", "0.0.0.0"));
        CommandLine.ParseResult parsed = cl.parseArgs("serve", "--port", "2", "--s3-path-style", "--data-dir", "/tmp/x");
        ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        ServerConfig c = serve.resolve().config();
        assertThat(c.port()).isEqualTo(2);
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.s3PathStyle()).isTrue();
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
    }
}
