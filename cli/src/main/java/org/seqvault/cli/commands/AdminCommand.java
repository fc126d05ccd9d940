package org.seqvault.cli.commands;

import java.util.List;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.CommandGroup;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.Output;
import org.seqvault.client.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault admin users ls|create, admin tokens create, admin audit (needs a token with the admin scope). */
@Command(name = "admin", description = "Users, their tokens and the audit trail (needs the admin scope).",
        subcommands = {AdminCommand.Users.class, AdminCommand.Tokens.class, AuditCommand.class})
public final class AdminCommand extends CommandGroup {

    /** admin users … */
    @Command(name = "users", description = "List or create users.",
            subcommands = {UsersLs.class, UsersCreate.class})
    static final class Users extends CommandGroup {
    }

    /** admin users ls [--json] */
    @Command(name = "ls", description = "List every user.")
    static final class UsersLs extends ClientCommand {
        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        UsersLs(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<User> users = sv().admin().users();
            if (json) {
                Output.json(out(), users);
                return 0;
            }
            List<String[]> rows = Output.rows();
            for (User u : users) {
                String name = ((u.firstName() == null ? "" : u.firstName()) + " "
                        + (u.lastName() == null ? "" : u.lastName())).strip();
                rows.add(new String[] {u.username(), u.email() == null ? "-" : u.email(), name});
            }
            Output.table(out(), rows);
            return 0;
        }
    }

    /** admin users create USERNAME [--email E] [--first-name F] [--last-name L] */
    @Command(name = "create", description = "Create a user.")
    static final class UsersCreate extends ClientCommand {
        @Parameters(paramLabel = "USERNAME", description = "[a-z0-9][a-z0-9_-]{1,38}")
        String username;

        @Option(names = "--email", paramLabel = "EMAIL")
        String email;

        @Option(names = "--first-name", paramLabel = "NAME")
        String firstName;

        @Option(names = "--last-name", paramLabel = "NAME")
        String lastName;

        UsersCreate(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            sv().admin().createUser(username, email, firstName, lastName);
            return 0;
        }
    }

    /** admin tokens … */
    @Command(name = "tokens", description = "Issue tokens for any user.", subcommands = {TokensCreate.class})
    static final class Tokens extends CommandGroup {
    }

    /** admin tokens create USERNAME --scope S… [--expires-in D] [--description T] [--json] */
    @Command(name = "create", description = "Issue a token for a user; prints the secret.")
    static final class TokensCreate extends ClientCommand {
        @Parameters(paramLabel = "USERNAME", description = "Whose token it is.")
        String username;

        @Mixin
        TokenOptions options;

        TokensCreate(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            options.print(out(), err(), sv().admin().createToken(username, options.scopes, options.lifetime(),
                    options.description));
            return 0;
        }
    }
}
