package org.seqvault.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** A successful answer: status, headers and the JSON body (NullNode when there was none). */
public record Reply(int status, HttpHeaders headers, JsonNode body) {
}
