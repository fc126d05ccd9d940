package org.seqvault.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.seqvault.client.SeqVault;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A subcommand that talks to the server through the SDK. */
public abstract class ClientCommand implements Callable<Integer> {
    protected final CliContext ctx;

    @Spec
    protected CommandSpec spec;

    protected ClientCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    protected SeqVault sv() {
        return ctx.client();
    }

    protected PrintStream out() {
        return ctx.out();
    }

    protected PrintStream err() {
        return ctx.err();
    }

    /** Prints a failed item's one-line error. */
    protected void failed(String what, Throwable e) {
        if (ctx.debug()) {
            e.printStackTrace(err());
        }
        String message = Errors.describe(e);
        err().println("seqvault: " + (message.startsWith(what + ":") ? message : what + ": " + message));
    }
}
