package org.seqvault.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on the stores without serving (scrub, collect): it reads the same
 * settings as serve, opens the stores, does its work, and turns every way that can fail into a
 * one-line message and an exit code, so a pass that could not run never looks like a clean one.
 */
abstract class OfflineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    private final Map<String, String> env;

    OfflineCommand(Map<String, String> env) {
        this.env = env;
    }

    /** The command's work; returns its exit code. */
    abstract int run(OfflineStores stores, ServerConfig cfg, PrintWriter out) throws IOException;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            ServerConfig cfg = storeOptions.resolve(env).config();
            try (OfflineStores stores = OfflineStores.open(cfg)) {
                int code = run(stores, cfg, out);
                out.flush();
                return code;
            }
        } catch (ConfigException | IllegalArgumentException e) {
            return fail(e.getMessage(), Main.EXIT_USAGE);
        } catch (IOException | RuntimeException e) {
            return fail("cannot work on the stores: " + e, 1);
        }
    }

    private int fail(String message, int code) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("seqvault " + spec.name() + ": " + message);
        err.flush();
        return code;
    }
}
