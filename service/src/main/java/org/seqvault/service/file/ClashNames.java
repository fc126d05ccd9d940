package org.seqvault.service.file;

import java.util.function.Function;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeName;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.NodeRepository;

/**
 * The names tried, in order, when a name is taken in a folder and the platform renames instead of
 * refusing (trash restore, copies, the async jobs): the name itself, then {@code _1_name},
 * {@code _2_name}, … so the first free one is the smallest free number.
 */
public final class ClashNames {
    /** How many numbered names are tried before giving up with a clear error. */
    public static final int MAX_RENAMES = 1000;

    private ClashNames() {
    }

    /** The {@code n}th try for {@code name}: the name itself for 0, else {@code _n_name}. */
    public static NodeName candidate(String name, boolean folder, int n) {
        String value = n == 0 ? name : "_" + n + "_" + name;
        if (value.length() > NodeName.MAX_LENGTH) {
            throw new UserException(Problem.NAME_EXISTS, "'" + name + "' is taken in the destination, and a name with"
                    + " a _" + n + "_ prefix would be too long; rename or delete what is there first");
        }
        return folder ? NodeName.folder(value) : new NodeName(value);
    }

    /**
     * Inserts the node {@code build} makes for the first try of {@code name} that is free in its
     * folder, and returns it. The insert itself is the test (it refuses a taken name), so a name
     * taken meanwhile by another transaction just moves on to the next try.
     */
    public static Node insertUnderFreeName(NodeRepository nodes, String name, boolean folder,
                                           Function<NodeName, Node> build) {
        for (int n = 0; n <= MAX_RENAMES; n++) {
            Node node = build.apply(candidate(name, folder, n));
            if (nodes.insert(node)) {
                return node;
            }
        }
        throw allTaken(name);
    }

    /** The error once every try is taken. */
    public static UserException allTaken(String name) {
        return new UserException(Problem.NAME_EXISTS, "'" + name + "' and _1_ to _" + MAX_RENAMES + "_" + name
                + " are all taken in the destination; rename some of them first");
    }
}
