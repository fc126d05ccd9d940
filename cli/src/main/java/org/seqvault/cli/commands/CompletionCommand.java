package org.seqvault.cli.commands;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** seqvault completion: a bash (and zsh) completion script for every client command. */
@Command(name = "completion", description = {"Print a bash/zsh completion script.",
        "Use: source <(seqvault completion), or save it under /etc/bash_completion.d/seqvault."})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("seqvault", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
