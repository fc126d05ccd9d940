package org.seqvault.service.project;

import java.util.List;
import org.seqvault.domain.Project;

/** One page of the v1 workspace listing and the cursor that continues it (null on the last page). */
public record WorkspaceListing(List<Project> workspaces, String nextCursor) {
    public WorkspaceListing {
        workspaces = List.copyOf(workspaces);
    }
}
