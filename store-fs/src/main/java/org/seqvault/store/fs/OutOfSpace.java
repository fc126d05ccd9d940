package org.seqvault.store.fs;

import java.util.Locale;

/**
 * Recognises a full disk (ENOSPC) or an exhausted quota (EDQUOT). The JDK reports both as a
 * plain IOException whose message is the C library's text, so the text is all there is to go on.
 */
final class OutOfSpace {
    private OutOfSpace() {
    }

    static boolean causedBy(Throwable failure) {
        // A depth limit, because a cause chain can loop.
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                String m = message.toLowerCase(Locale.ROOT);
                if (m.contains("no space left on device") || m.contains("enospc")
                        || m.contains("disk quota exceeded") || m.contains("edquot")) {
                    return true;
                }
            }
        }
        return false;
    }
}
