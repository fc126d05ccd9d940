package org.seqvault.service.htsget;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contig numbering of a BCF file: the order of its header's {@code ##contig} lines, or their
 * {@code IDX} fields where given (BCF's dictionary, which its records and CSI index refer to).
 */
final class BcfContigs {
    private static final Pattern CONTIG = Pattern.compile("^##contig=<(.*)>\\s*$", Pattern.MULTILINE);
    private static final Pattern ID = Pattern.compile("(?:^|,)ID=([^,>]+)");
    private static final Pattern IDX = Pattern.compile("(?:^|,)IDX=(\\d+)");

    private BcfContigs() {
    }

    static List<String> names(String headerText) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        Matcher m = CONTIG.matcher(headerText);
        int next = 0;
        while (m.find()) {
            Matcher id = ID.matcher(m.group(1));
            if (!id.find()) {
                continue;
            }
            Matcher idx = IDX.matcher(m.group(1));
            int index = idx.find() ? Integer.parseInt(idx.group(1)) : next;
            byIndex.put(index, id.group(1));
            next = index + 1;
        }
        List<String> names = new ArrayList<>();
        byIndex.forEach((i, name) -> {
            while (names.size() < i) {
                names.add("");
            }
            names.add(name);
        });
        return names;
    }
}
