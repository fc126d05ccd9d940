package org.seqvault.reliability.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The summary lines of {@code seqvault scrub}, parsed. */
public record ScrubOutput(int exitCode, long checked, long corrupt, long missing, long unreadable, long orphanBlobs,
                          long unreferencedBlobs, long staleStagings, long recentStagings, String text) {
    private static final Pattern CHECKED = Pattern.compile("scrub: checked (\\d+) blobs");
    private static final Pattern RECLAIMABLE = Pattern.compile("scrub: reclaimable by the collector: (\\d+) blobs "
            + "without a database row, (\\d+) blobs no file points to, (\\d+) stale staging areas, (\\d+) recent");
    private static final Pattern VERDICT = Pattern.compile("scrub: (\\d+) corrupt, (\\d+) missing, (\\d+) unreadable");

    public static ScrubOutput parse(Cli.Result result) {
        Matcher checked = find(CHECKED, result.output());
        Matcher reclaimable = find(RECLAIMABLE, result.output());
        Matcher verdict = find(VERDICT, result.output());
        return new ScrubOutput(result.exitCode(), n(checked, 1), n(verdict, 1), n(verdict, 2), n(verdict, 3),
                n(reclaimable, 1), n(reclaimable, 2), n(reclaimable, 3), n(reclaimable, 4), result.output());
    }

    private static Matcher find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new AssertionError("scrub printed no line matching " + p + ":\n" + text);
        }
        return m;
    }

    private static long n(Matcher m, int group) {
        return Long.parseLong(m.group(group));
    }
}
