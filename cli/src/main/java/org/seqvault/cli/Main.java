package org.seqvault.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqvault.cli.commands.AdminCommand;
import org.seqvault.cli.commands.CompletionCommand;
import org.seqvault.cli.commands.CpCommand;
import org.seqvault.cli.commands.DownloadCommand;
import org.seqvault.cli.commands.JobsCommand;
import org.seqvault.cli.commands.LoginCommand;
import org.seqvault.cli.commands.InfoCommand;
import org.seqvault.cli.commands.LsCommand;
import org.seqvault.cli.commands.MetaCommand;
import org.seqvault.cli.commands.MkdirCommand;
import org.seqvault.cli.commands.MvCommand;
import org.seqvault.cli.commands.ProjectsCommand;
import org.seqvault.cli.commands.RmCommand;
import org.seqvault.cli.commands.TagCommand;
import org.seqvault.cli.commands.TokensCommand;
import org.seqvault.cli.commands.TrashCommand;
import org.seqvault.cli.commands.WebCommand;
import org.seqvault.cli.commands.UploadCommand;
import org.seqvault.cli.commands.ViewCommand;
import org.seqvault.client.ClientOptions;
import org.seqvault.client.RemotePath;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The client side of {@code seqvault}: every subcommand works through the SDK on the public
 * HTTP API. Exit codes: 0 done, 1 some items (or the call) failed, 2 usage errors.
 * {@code bin/seqvault} passes {@code -Dseqvault.stdin.tty} and {@code -Dseqvault.stderr.tty}
 * so prompts and progress bars appear only on terminals.
 */
@Command(name = "seqvault",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "SeqVault client: files in projects, addressed as owner/project[/folder/…][/file].",
        commandListHeading = "%nClient commands:%n",
        footer = {"", "Run 'seqvault COMMAND --help' for a command's options.",
                "Exit codes: 0 done, 1 something failed, 2 usage error."},
        subcommands = {LoginCommand.class, LsCommand.class, InfoCommand.class, MkdirCommand.class,
                UploadCommand.class, DownloadCommand.class, ViewCommand.class, RmCommand.class, MvCommand.class,
                CpCommand.class, JobsCommand.class, MetaCommand.class, TagCommand.class, TrashCommand.class,
                ProjectsCommand.class, TokensCommand.class, AdminCommand.class, WebCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    Main(CliContext ctx) {
        this.ctx = ctx;
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show the stack trace of an error.")
    void debug(boolean on) {
        ctx.debug(on);
    }

    public static void main(String[] args) {
        // Read answers in 256 KiB buffers rather than 16 KiB: about a quarter less CPU for large downloads.
        // (Read once, when the HTTP client is first used, so it must be set before that.)
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", Integer.toString(256 << 10));
        }
        boolean stdinTty = tty("seqvault.stdin.tty", true);
        boolean stderrTty = tty("seqvault.stderr.tty", false);
        System.exit(run(args, System.getenv(), System.in, System.out, System.err, stdinTty, stderrTty));
    }

    /** Runs one command line; returns the exit code. Tests call this with their own streams. */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
                          boolean stdinTerminal, boolean stderrTerminal) {
        try (CliContext ctx = new CliContext(env, in, out, err, stdinTerminal, stderrTerminal)) {
            return commandLine(ctx).execute(args);
        }
    }

    public static CommandLine commandLine(CliContext ctx) {
        CommandLine cl = new CommandLine(new Main(ctx), new ContextFactory(ctx)).setUsageHelpWidth(100);
        cl.registerConverter(RemotePath.class, text -> {
            try {
                return RemotePath.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
        cl.setOut(new java.io.PrintWriter(ctx.out(), true));
        cl.setErr(new java.io.PrintWriter(ctx.err(), true));
        cl.setExecutionExceptionHandler(new ErrorHandler(ctx));
        cl.setParameterExceptionHandler(ErrorHandler::usage);
        addHelpOptions(cl);
        return cl;
    }

    /**
     * Gives every command below the top its {@code -h}/{@code --help}, here rather than on each
     * class, so that a command added later cannot lack it. (An inherited option would clash
     * with picocli's own {@code help} command, which has one.)
     */
    private static void addHelpOptions(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
                spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help and exit.").build());
            }
            addHelpOptions(sub);
        }
    }

    @Override
    public Integer call() {
        throw CommandGroup.missingCommand(spec);
    }

    /** Whether a standard stream is a terminal: bin/seqvault says so; else ask the JDK. */
    private static boolean tty(String property, boolean stdin) {
        String said = System.getProperty(property);
        if (said != null) {
            return Boolean.parseBoolean(said);
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // JDK 22+: a console exists even when redirected; isTerminal() tells.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Creates commands, handing the context to those whose constructor takes it. */
    private record ContextFactory(CliContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> withContext = cls.getDeclaredConstructor(CliContext.class);
                withContext.setAccessible(true);
                return withContext.newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"seqvault client " + ClientOptions.version()};
        }
    }
}
