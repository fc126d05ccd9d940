package org.seqvault.service.htsget;

import java.util.List;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/**
 * What an htsget request asks for: the endpoint, the format (null: the endpoint's default), only the
 * header or the data too, and the regions (none: the whole file). Field and tag filters are accepted
 * and ignored: the protocol lets a server return more than asked, and whole records are returned.
 */
public record TicketRequest(HtsFormat.DataType dataType, String format, boolean headerOnly, List<Region> regions) {
    /** More regions than this in one POST are refused rather than planned one by one. */
    public static final int MAX_REGIONS = 1000;

    public TicketRequest {
        regions = regions == null ? List.of() : List.copyOf(regions);
        if (regions.size() > MAX_REGIONS) {
            throw new UserException(Problem.INVALID_REQUEST,
                    "at most " + MAX_REGIONS + " regions per request, got " + regions.size());
        }
    }
}
