package org.seqvault.cli.commands;

import java.util.List;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.CommandGroup;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.Main;
import org.seqvault.cli.Output;
import org.seqvault.client.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault tokens ls|create|revoke */
@Command(name = "tokens", description = "Your own API tokens (needs a token with the tokens scope).",
        subcommands = {TokensCommand.Ls.class, TokensCommand.Create.class, TokensCommand.Revoke.class})
public final class TokensCommand extends CommandGroup {

    /** tokens ls [--json] */
    @Command(name = "ls", description = "List your tokens (never their secrets).")
    static final class Ls extends ClientCommand {
        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        Ls(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<Token> tokens = sv().tokens().list();
            if (json) {
                Output.json(out(), tokens);
                return 0;
            }
            List<String[]> rows = Output.rows();
            rows.add(new String[] {"ID", "SCOPES", "CREATED", "EXPIRES", "REVOKED", "DESCRIPTION"});
            for (Token t : tokens) {
                rows.add(new String[] {t.id(), Output.list(t.scopes()), Output.time(t.createdAt()),
                        Output.time(t.expiresAt()), Output.time(t.revokedAt()),
                        t.description() == null ? "" : t.description()});
            }
            Output.table(out(), rows);
            return 0;
        }
    }

    /** tokens create --scope S… [--expires-in D] [--description T] [--json] */
    @Command(name = "create", description = "Issue a token for yourself (scopes within your current token's); "
            + "prints the secret.")
    static final class Create extends ClientCommand {
        @Mixin
        TokenOptions options;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            options.print(out(), err(), sv().tokens().create(options.scopes, options.lifetime(), options.description));
            return 0;
        }
    }

    /** tokens revoke ID… */
    @Command(name = "revoke", description = "Revoke tokens: they stop working at once.")
    static final class Revoke extends ClientCommand {
        @Parameters(arity = "1..*", paramLabel = "ID", description = "Token ids (from tokens ls).")
        List<String> ids;

        Revoke(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            int failed = 0;
            for (String id : ids) {
                try {
                    sv().tokens().revoke(id);
                } catch (RuntimeException e) {
                    failed(id, e);
                    failed++;
                }
            }
            return failed == 0 ? Main.OK : Main.FAILED;
        }
    }
}
