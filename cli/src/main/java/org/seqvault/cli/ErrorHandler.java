package org.seqvault.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.seqvault.client.SeqVaultException;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Errors as one line on stderr ({@code seqvault: …}), with the stack trace only under
 * {@code --debug}. Usage errors name the command's help instead of printing all of it, and a
 * mistyped command or option the nearest ones picocli knows.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private final CliContext ctx;

    ErrorHandler(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        if (ctx.debug()) {
            e.printStackTrace(ctx.err());
        }
        ctx.err().println("seqvault: " + Errors.describe(e));
        if (e instanceof UsageException || e instanceof IllegalArgumentException) {
            return Main.USAGE;
        }
        boolean expected = e instanceof SeqVaultException || e instanceof CommandFailure
                || e instanceof java.io.UncheckedIOException;
        if (!expected && !ctx.debug()) {
            ctx.err().println("seqvault: (an unexpected " + e.getClass().getSimpleName()
                    + "; run again with --debug for details)");
        }
        return Main.FAILED;
    }

    static int usage(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("seqvault: " + inPlainWords(e));
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println(nearest(u));
        }
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return Main.USAGE;
    }

    /**
     * What picocli finds nearest, as whole commands: "Did you mean: seqvault meta get?" (its own
     * wording names a subcommand from its parent only), or "Possible solutions: --parallel".
     */
    private static String nearest(UnmatchedArgumentException e) {
        if (e.isUnknownOption()) {
            return "Possible solutions: " + String.join(", ", e.getSuggestions());
        }
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        return "Did you mean: " + e.getSuggestions().stream()
                .map(s -> command + " " + s.substring(s.lastIndexOf(' ') + 1))
                .collect(Collectors.joining(" or ")) + "?";
    }

    /** picocli's message, except where it speaks of its parser ("positional parameter at index 0..*"). */
    private static String inPlainWords(ParameterException e) {
        CommandSpec command = e.getCommandLine().getCommandSpec();
        if (e instanceof UnmatchedArgumentException u && !u.isUnknownOption() && !u.getUnmatched().isEmpty()) {
            List<String> extra = u.getUnmatched();
            if (!command.subcommands().isEmpty()) {
                return "'" + extra.get(0) + "' is not a " + command.qualifiedName() + " command";
            }
            return "unexpected argument" + (extra.size() == 1 ? "" : "s") + ": '" + String.join("', '", extra) + "'";
        }
        if (e instanceof MissingParameterException m) {
            for (ArgSpec missing : m.getMissing()) {
                if (missing.isPositional() && missing.arity().min() > 1) {
                    return "expected " + missing.paramLabel() + " (at least " + missing.arity().min() + " arguments)";
                }
            }
        }
        return e.getMessage();
    }
}
