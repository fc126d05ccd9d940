package org.seqvault.api.v2;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.seqvault.api.drs.DrsUris;

/** Absolute URLs under the public base, as the Seven Bridges client GETs every href verbatim. */
public final class Hrefs {
    private final String v2;
    private final DrsUris drsUris;

    public Hrefs(String publicUrl) {
        this.v2 = publicUrl + "/v2";
        this.drsUris = new DrsUris(publicUrl);
    }

    /** The DRS URI of a file (drs://host/id), which every view of a file shows. */
    public String drsUri(String fileId) {
        return drsUris.of(fileId);
    }

    public String of(String path) {
        return v2 + path;
    }

    /** An href with a query string built from ordered, possibly repeated, parameters. */
    public String of(String path, List<Map.Entry<String, String>> query) {
        if (query.isEmpty()) {
            return of(path);
        }
        StringBuilder b = new StringBuilder(of(path)).append('?');
        for (int i = 0; i < query.size(); i++) {
            if (i > 0) {
                b.append('&');
            }
            b.append(encode(query.get(i).getKey())).append('=').append(encode(query.get(i).getValue()));
        }
        return b.toString();
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
