package org.seqvault.service.extract;

import java.util.Collection;
import java.util.Map;

/** The extraction status of files already authorised for the caller (views add it to a file's answer). */
@FunctionalInterface
public interface ExtractionStatuses {
    /** Nothing is ever extracted: no file has a status. */
    ExtractionStatuses NONE = ids -> Map.of();

    /** The statuses of those of {@code fileIds} that were queued for extraction, by file id. */
    Map<String, ExtractionStatus> of(Collection<String> fileIds);
}
