package org.seqvault.service.support;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/**
 * The v1 listings' {@code cursor}: the sort key of the last item handed out, in unpadded
 * base64url. Opaque to clients; a listing continues strictly after it, so rows inserted or
 * deleted meanwhile neither repeat nor skip the others.
 */
public final class Cursors {
    private Cursors() {
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key a cursor stands for; INVALID_CURSOR when it is not base64url of UTF-8 text. */
    public static String decode(String cursor) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cursor);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid();
        }
    }

    public static UserException invalid() {
        return new UserException(Problem.INVALID_CURSOR, "cursor is not one this server handed out");
    }
}
