package org.seqvault.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many methods a server's JIT has compiled so far (HotSpot's {@code sun.ci.totalCompiles}
 * counter, read with the harness JDK's jcmd). Counted before and after a measurement, it says
 * whether the JIT was still at work while the measurement ran (bench/FIXES.md, sections 18 and 19).
 */
final class JitCompilations {
    private static final Pattern TOTAL = Pattern.compile("sun\\.ci\\.totalCompiles=(\\d+)");

    private JitCompilations() {
    }

    static long count(long pid) throws IOException {
        String out = Cmd.jcmd(pid, "PerfCounter.print");
        Matcher m = TOTAL.matcher(out);
        if (!m.find()) {
            throw new IOException("jcmd " + pid + " PerfCounter.print has no sun.ci.totalCompiles:\n" + out);
        }
        return Long.parseLong(m.group(1));
    }
}
