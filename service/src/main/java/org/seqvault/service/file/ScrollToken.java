package org.seqvault.service.file;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.NodeRepository.NodeCursor;

/**
 * The opaque continuation token of a scroll: a position in the folders-first, name, id order.
 * Text form before base64url: one flag character ('1' folder, '0' file), the 24-hex id, then
 * the name (which may hold any character, so it comes last).
 */
public final class ScrollToken {
    /** The token that starts a scroll. */
    public static final String INIT = "init";
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{24}");
    private static final int ID_LENGTH = 24;

    private ScrollToken() {
    }

    public static String encode(NodeCursor cursor) {
        String text = (cursor.folder() ? "1" : "0") + cursor.id() + cursor.name();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token stands for; null for {@link #INIT} (or no token): the start. */
    public static NodeCursor decode(String token) {
        if (token == null || token.isEmpty() || token.equals(INIT)) {
            return null;
        }
        String text;
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token);
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid();
        }
        if (text.length() <= 1 + ID_LENGTH || (text.charAt(0) != '0' && text.charAt(0) != '1')) {
            throw invalid();
        }
        String id = text.substring(1, 1 + ID_LENGTH);
        if (!OBJECT_ID.matcher(id).matches()) {
            throw invalid();
        }
        return new NodeCursor(text.charAt(0) == '1', text.substring(1 + ID_LENGTH), id);
    }

    private static UserException invalid() {
        return new UserException(Problem.INVALID_CURSOR,
                "scroll token is not one this server handed out; start again with token=init");
    }
}
