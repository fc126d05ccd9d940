package org.seqvault.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.client.internal.Api;
import org.seqvault.client.internal.Call;

/**
 * The caller's own tokens. Reach it through {@link SeqVault#tokens()}. Every call needs a token
 * with the {@code tokens} scope (or {@code admin}); others get a {@link ForbiddenException}.
 */
public final class Tokens {
    private final Api api;

    Tokens(Api api) {
        this.api = api;
    }

    /** @return the caller's tokens, without their secrets */
    public List<Token> list() {
        return api.as(Call.get("/v1/tokens"), Listed.class).tokens();
    }

    private record Listed(List<Token> tokens) {
    }

    /**
     * Issues a new token for the caller.
     *
     * @param scopes      a subset of the calling token's scopes: {@code files}, {@code projects}, {@code tokens},
     *                    {@code admin}
     * @param expiresIn   lifetime, or null for none
     * @param description free text, or null
     * @return the token with its secret, shown only now
     */
    public IssuedToken create(List<String> scopes, Duration expiresIn, String description) {
        return api.as(Call.post("/v1/tokens").body(request(null, scopes, expiresIn, description)), IssuedToken.class);
    }

    /**
     * Revokes one of the caller's tokens: it stops working at once.
     *
     * @param id the token's id (from {@link #list()})
     * @throws NotFoundException when there is no such token of the caller
     */
    public void revoke(String id) {
        api.send(Call.delete("/v1/tokens/" + id));
    }

    static Map<String, Object> request(String username, List<String> scopes, Duration expiresIn, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (username != null) {
            body.put("username", username);
        }
        body.put("scopes", scopes);
        if (expiresIn != null) {
            body.put("expires_in", expiresIn.toSeconds());
        }
        if (description != null) {
            body.put("description", description);
        }
        return body;
    }
}
