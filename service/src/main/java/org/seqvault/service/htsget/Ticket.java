package org.seqvault.service.htsget;

import java.util.List;
import java.util.Map;

/** An htsget ticket: the file's format and the URLs whose bytes, concatenated in order, make the answer. */
public record Ticket(HtsFormat format, List<Url> urls) {
    public Ticket {
        urls = List.copyOf(urls);
    }

    /** One data block: a presigned URL with the headers to send (a Range), or a {@code data:} URI. */
    public record Url(String url, Map<String, String> headers, Block.Part part) {
        public Url {
            headers = Map.copyOf(headers);
        }
    }
}
