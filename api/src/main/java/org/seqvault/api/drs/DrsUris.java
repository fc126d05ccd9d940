package org.seqvault.api.drs;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.net.URLEncoder;
import org.seqvault.domain.UserException;

/**
 * DRS URIs of this server, hostname form: {@code drs://<public host>/<id>}, never with a port (the
 * DRS spec forbids one; a client resolves it at https://host/ga4gh/drs/v1). The host is the public
 * URL's. An id a DRS call receives may be such a URI instead of a bare id.
 */
public final class DrsUris {
    static final String SCHEME = "drs://";
    private final String host;

    public DrsUris(String publicUrl) {
        this.host = URI.create(publicUrl).getHost().toLowerCase(Locale.ROOT);
    }

    public String of(String fileId) {
        return SCHEME + host + "/" + URLEncoder.encode(fileId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String host() {
        return host;
    }

    /**
     * The file id an object id names: itself, or the id in a DRS URI of this host. A URI of another
     * host, or a compact one ({@code drs://prefix:accession}, resolved through identifiers.org), is
     * a client mistake this server cannot resolve.
     */
    String fileId(String objectId) {
        if (objectId == null || !objectId.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return objectId;
        }
        String rest = objectId.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw UserException.invalid("'" + objectId + "' is a compact DRS URI; resolve it through a registry"
                    + " (identifiers.org) or send drs://" + host + "/<id>");
        }
        String named = rest.substring(0, slash);
        if (!named.equalsIgnoreCase(host)) {
            throw UserException.invalid("'" + objectId + "' names the DRS server '" + named + "'; this server is '"
                    + host + "'");
        }
        try {
            return URLDecoder.decode(rest.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw UserException.invalid("'" + objectId + "' has a malformed percent-encoding");
        }
    }
}
