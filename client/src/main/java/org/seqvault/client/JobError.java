package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.seqvault.client.internal.ErrorDecoder;

/**
 * Why one item of a job failed, as the server says it for a single call.
 *
 * @param status   the HTTP status the item would have had (404, 403, …)
 * @param code     the server's error code ({@code 5002}, …), or null
 * @param message  the server's message
 * @param moreInfo where the code is explained, or null
 */
public record JobError(int status, String code, String message, @JsonProperty("more_info") String moreInfo) {

    /** @return the exception a single call failing this way throws ({@link NotFoundException} for 404, …) */
    public ApiException toException() {
        return ErrorDecoder.of(status, code, message == null ? "failed" : message, null, null);
    }
}
