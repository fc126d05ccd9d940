package org.seqvault.reliability.crash;

import java.util.List;
import java.util.Map;

/**
 * The project the workload writes into: its workspace id (v1), its Seven Bridges id (v2), and
 * the folders files are uploaded into and moved between, by v1 path ("" is the root).
 */
record Project(String workspaceId, String projectId, Map<String, String> folderIds) {
    List<String> folderPaths() {
        return List.copyOf(folderIds.keySet());
    }
}
