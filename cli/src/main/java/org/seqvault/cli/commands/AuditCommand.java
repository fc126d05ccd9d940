package org.seqvault.cli.commands;

import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.UsageException;
import org.seqvault.client.AuditQuery;
import org.seqvault.client.AuditRecord;
import org.seqvault.client.Listing;
import org.seqvault.client.internal.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** admin audit [--project P] [--user U] [--action A] [--since T] [--until T] [--limit N] [--json] */
@Command(name = "audit", description = "The audit trail, newest first: who changed what, when, from where, "
        + "through which token, and how it ended (admins; a project's admins with --project owner/slug).")
final class AuditCommand extends ClientCommand {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    /** Columns of the table, as wide as their longest usual value; a longer one shifts its line only. */
    private static final String ROW = "%-19s  %-16s  %-17s  %-9s  %-20s  %-24s  %s%n";

    @Option(names = "--project", paramLabel = "PROJECT",
            description = "Only this project: owner/slug (its admins may ask too), or its workspace id ws_… "
                    + "(also of a deleted project; admins only).")
    String project;

    @Option(names = "--user", paramLabel = "USERNAME", description = "Only what this user did.")
    String user;

    @Option(names = "--action", paramLabel = "ACTION",
            description = "Only this action (e.g. file.delete, token.create), or a group: file.*.")
    String action;

    @Option(names = "--since", paramLabel = "TIME",
            description = "From this time on: 2025-01-31T12:00:00Z, 2025-01-31 (midnight UTC), or ago: 7d, 24h, 30m.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before this time; the same forms as --since.")
    String until;

    @Option(names = "--limit", paramLabel = "N", description = "At most N records (the newest). Default: all.")
    Integer limit;

    @Option(names = "--json", description = "One JSON object per record and line (JSON lines).")
    boolean json;

    AuditCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        Instant now = Instant.now();
        AuditQuery query = AuditQuery.all().user(user).action(action).since(time("--since", since, now))
                .until(time("--until", until, now));
        // owner/slug goes to the project's own listing, which its admins may read too; a workspace id to the admin one.
        Listing<AuditRecord> listing = project != null && project.contains("/")
                ? sv().projects().audit(project, query) : sv().admin().audit(query.project(project));
        Stream<AuditRecord> records = listing.stream();
        if (limit != null) {
            records = records.limit(limit);
        }
        PrintStream out = out();
        if (json) {
            records.forEach(r -> out.println(Json.write(r)));
        } else {
            out.printf(ROW, "TIME (UTC)", "USER", "ACTION", "OUTCOME", "REQUEST", "PROJECT", "TARGET");
            records.forEach(r -> out.printf(ROW, SECONDS.format(r.at()), orDash(r.username()), r.action(),
                    r.outcome(), orDash(r.requestId()), orDash(r.project()), target(r)));
        }
        return 0;
    }

    /** An instant, a date (its midnight, UTC), or a duration back from now. */
    static Instant time(String option, String value, Instant now) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10 && v.charAt(4) == '-') {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (v.contains("T")) {
                return Instant.parse(v);
            }
        } catch (DateTimeException e) {
            throw new UsageException(option + " '" + value + "': use a time such as 2025-01-31T12:00:00Z, a date such"
                    + " as 2025-01-31, or a duration ago such as 7d, 24h, 30m");
        }
        try {
            return now.minus(Durations.parse(option, v));
        } catch (UsageException e) {
            throw new UsageException(option + " '" + value + "': use a time such as 2025-01-31T12:00:00Z, a date such"
                    + " as 2025-01-31, or a duration ago such as 7d, 24h, 30m");
        }
    }

    private static String target(AuditRecord r) {
        return r.target() != null ? r.target() : orDash(r.targetId());
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
