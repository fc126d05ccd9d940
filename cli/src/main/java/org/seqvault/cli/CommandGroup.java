package org.seqvault.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups others ({@code meta get|set|unset}): run on its own, it is a usage
 * error that names the commands it has.
 */
public abstract class CommandGroup implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Override
    public Integer call() {
        throw missingCommand(spec);
    }

    /** "missing a command: get, set or unset". */
    static ParameterException missingCommand(CommandSpec spec) {
        List<String> names = new ArrayList<>(spec.subcommands().keySet());
        String last = names.remove(names.size() - 1);
        String choices = names.isEmpty() ? last : String.join(", ", names) + " or " + last;
        return new ParameterException(spec.commandLine(), "missing a command: " + choices);
    }
}
