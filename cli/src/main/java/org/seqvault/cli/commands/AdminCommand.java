package org.seqvault.cli.commands;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.CommandGroup;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.Output;
import org.seqvault.cli.UsageException;
import org.seqvault.client.ProjectStorage;
import org.seqvault.client.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault admin users ls|create, admin tokens create, admin audit, admin quota (needs a token with the admin scope). */
@Command(name = "admin", description = "Users, their tokens, the audit trail and project quotas (needs the admin scope).",
        subcommands = {AdminCommand.Users.class, AdminCommand.Tokens.class, AuditCommand.class,
                AdminCommand.QuotaCommand.class, AdminCommand.ExtractMetadata.class})
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

    /** admin quota PROJECT [--bytes SIZE] [--files N] [--json]: with no option, shows the quota. */
    @Command(name = "quota", description = "Show a project's quota and usage, or set its limits.")
    static final class QuotaCommand extends ClientCommand {
        private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgtp]?)(i?)b?", Pattern.CASE_INSENSITIVE);

        @Parameters(paramLabel = "PROJECT", description = "The project id, owner/slug.")
        String project;

        @Option(names = "--bytes", paramLabel = "SIZE",
                description = "Byte limit: 1099511627776, 500GiB, 1TB (= 10^12), or none to remove it.")
        String bytes;

        @Option(names = "--files", paramLabel = "N", description = "File limit (folders do not count), or none.")
        String files;

        @Option(names = "--json", description = "Print the quota and usage as JSON.")
        boolean json;

        QuotaCommand(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            // Both checked before anything is sent, so a bad value changes nothing.
            Long byteLimit = bytes == null ? null : size(bytes);
            Long fileLimit = files == null ? null : count(files);
            ProjectStorage storage;
            if (bytes != null && files != null) {
                storage = sv().admin().setQuota(project, byteLimit, fileLimit);
            } else if (bytes != null) {
                storage = sv().admin().setBytesQuota(project, byteLimit);
            } else if (files != null) {
                storage = sv().admin().setFilesQuota(project, fileLimit);
            } else {
                storage = sv().admin().quota(project);
            }
            if (json) {
                Output.json(out(), storage);
                return 0;
            }
            List<String[]> rows = Output.rows();
            rows.add(new String[] {"project", storage.project()});
            StorageLines.add(rows, storage.usage(), storage.quota());
            Output.table(out(), rows);
            return 0;
        }

        /** SIZE as the server reads sizes: KiB, MiB, … are powers of 1024, KB, MB, … of 1000. */
        static Long size(String text) {
            if (text.strip().equalsIgnoreCase("none")) {
                return null;
            }
            Matcher m = SIZE.matcher(text.strip());
            if (!m.matches()) {
                throw new UsageException("--bytes '" + text + "': use a byte count, a size such as 500GiB or 1TB,"
                        + " or none");
            }
            try {
                long n = Long.parseLong(m.group(1));
                int power = m.group(2).isEmpty() ? 0 : "KMGTP".indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
                long base = m.group(3).isEmpty() ? 1000 : 1024;
                for (int i = 0; i < power; i++) {
                    n = Math.multiplyExact(n, base);
                }
                return n;
            } catch (ArithmeticException | NumberFormatException e) {
                throw new UsageException("--bytes '" + text + "' is too large");
            }
        }

        static Long count(String text) {
            if (text.strip().equalsIgnoreCase("none")) {
                return null;
            }
            try {
                long n = Long.parseLong(text.strip());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            throw new UsageException("--files '" + text + "': use a number of files (0 or more), or none");
        }
    }

    /** admin extract-metadata [--project P] */
    @Command(name = "extract-metadata", description = "Read the headers of existing BAM, CRAM, SAM, VCF, BCF and FASTQ"
            + " files again, filling the metadata keys their users have not set (the server's worker does the reading).")
    static final class ExtractMetadata extends ClientCommand {
        @Option(names = "--project", paramLabel = "PROJECT", description = "Only this project (owner/slug); default: all.")
        String project;

        @Option(names = "--json", description = "Print the answer as JSON.")
        boolean json;

        ExtractMetadata(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            var run = sv().admin().extractMetadata(project);
            if (json) {
                Output.json(out(), run);
                return 0;
            }
            List<String[]> rows = Output.rows();
            rows.add(new String[] {"project", run.project() == null ? "(all)" : run.project()});
            rows.add(new String[] {"queued", String.valueOf(run.queued())});
            run.queue().forEach((state, n) -> rows.add(new String[] {state, String.valueOf(n)}));
            Output.table(out(), rows);
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
