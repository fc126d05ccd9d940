package org.seqvault.cli;

import org.seqvault.client.SeqVaultException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Errors as one line on stderr ({@code seqvault: …}), with the stack trace only under
 * {@code --debug}. Usage errors name the command's help instead of printing all of it.
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
        cl.getErr().println("seqvault: " + e.getMessage());
        cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return Main.USAGE;
    }
}
