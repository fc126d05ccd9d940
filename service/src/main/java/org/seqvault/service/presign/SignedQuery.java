package org.seqvault.service.presign;

import java.time.Instant;

/**
 * The query parameters that make a URL presigned: expiry in epoch seconds, key id, and the
 * base64url HMAC. None of them needs percent-encoding.
 */
public record SignedQuery(long exp, String kid, String sig) {

    /** The moment the URL stops working. */
    public Instant expires() {
        return Instant.ofEpochSecond(exp);
    }

    /** {@code exp=…&kid=…&sig=…}, ready to follow a '?'. */
    public String render() {
        return "exp=" + exp + "&kid=" + kid + "&sig=" + sig;
    }

    @Override
    public String toString() {
        return render();
    }
}
