package org.seqvault.reliability.presign;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/** The second a presigned URL stops working: the server's {@code exp}, or S3's X-Amz-Date plus X-Amz-Expires. */
final class Expiry {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private Expiry() {
    }

    static long of(String url) {
        Map<String, String> params = new HashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        if (params.containsKey("exp")) {
            return Long.parseLong(params.get("exp"));
        }
        long signedAt = LocalDateTime.parse(params.get("X-Amz-Date"), AMZ_DATE).toEpochSecond(ZoneOffset.UTC);
        return signedAt + Long.parseLong(params.get("X-Amz-Expires"));
    }
}
