package org.seqvault.cli.commands;

import java.util.List;
import java.util.Map;
import org.seqvault.client.FileQuery;
import org.seqvault.client.RemoteFile;

/**
 * {@code --meta k=v} and {@code --tag T} as the server applies them: values of one key OR'ed,
 * different keys AND'ed, tags OR'ed; folders never match a filter. Used as a server-side query
 * for one folder, and locally while walking a tree.
 */
record FileFilter(Map<String, List<String>> metadata, List<String> tags) {

    boolean isEmpty() {
        return metadata.isEmpty() && tags.isEmpty();
    }

    FileQuery applyTo(FileQuery query) {
        FileQuery q = query;
        for (Map.Entry<String, List<String>> e : metadata.entrySet()) {
            for (String v : e.getValue()) {
                q = q.metadata(e.getKey(), v);
            }
        }
        for (String t : tags) {
            q = q.tag(t);
        }
        return q;
    }

    boolean matches(RemoteFile f) {
        if (isEmpty()) {
            return true;
        }
        if (f.isFolder()) {
            return false;
        }
        for (Map.Entry<String, List<String>> e : metadata.entrySet()) {
            if (!e.getValue().contains(f.metadata().get(e.getKey()))) {
                return false;
            }
        }
        return tags.isEmpty() || tags.stream().anyMatch(f.tags()::contains);
    }
}
