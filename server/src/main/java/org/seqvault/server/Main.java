package org.seqvault.server;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code seqvault} command. Each subcommand is its own class listed in {@code subcommands};
 * one that needs the process environment declares a constructor taking {@code Map<String, String>}
 * (so tests can pass a fake environment). Exit codes: 0 done, 1 failure, 2 bad usage or configuration.
 */
@Command(name = "seqvault",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "SeqVault: a self-hosted file service for genomics data.",
        subcommands = {ServeCommand.class, ScrubCommand.class, CollectCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code for a usage or configuration error (picocli uses the same for bad options). */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** Runs the command line with a given environment and output streams; returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(env);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine(Map<String, String> env) {
        return new CommandLine(new Main(), new EnvFactory(env));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand; try: seqvault serve");
    }

    /** Creates subcommands, handing the environment to those whose constructor takes it. */
    private record EnvFactory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> withEnv = cls.getDeclaredConstructor(Map.class);
                withEnv.setAccessible(true);
                return withEnv.newInstance(env);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"seqvault " + (v == null ? "(development build)" : v)};
        }
    }
}
