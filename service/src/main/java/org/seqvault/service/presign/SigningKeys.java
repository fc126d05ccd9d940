package org.seqvault.service.presign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that sign and verify presigned URLs. New URLs are signed with the current key;
 * URLs signed with an older key keep verifying while that key is listed, so a key can be
 * rotated without breaking URLs already handed out.
 *
 * <p>A key id is derived from its secret (first 8 hex digits of its SHA-256), so every
 * replica configured with the same secret names it the same way without coordination.
 */
public final class SigningKeys {
    /** Short secrets can be brute-forced offline from a single signed URL. */
    public static final int MIN_SECRET_LENGTH = 16;
    static final String ALGORITHM = "HmacSHA256";

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;

    private SigningKeys(String currentKeyId, Map<String, SecretKeySpec> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
    }

    /** Keys with {@code secret} as the only, current key. */
    public static SigningKeys of(String secret) {
        String kid = keyIdOf(secret);
        return new SigningKeys(kid, Map.of(kid, secretKey(secret)));
    }

    /**
     * These keys plus an older secret that still verifies but no longer signs. Adding a
     * secret that is already present changes nothing.
     */
    public SigningKeys withPrevious(String olderSecret) {
        String kid = keyIdOf(olderSecret);
        SecretKeySpec key = secretKey(olderSecret);
        SecretKeySpec known = keys.get(kid);
        if (known != null) {
            if (!MessageDigest.isEqual(known.getEncoded(), key.getEncoded())) {
                // Two different secrets whose ids collide (a 1 in 2^32 chance): refuse rather than guess.
                throw new IllegalArgumentException("two signing secrets share the key id " + kid
                        + "; replace one of them");
            }
            return this;
        }
        Map<String, SecretKeySpec> more = new LinkedHashMap<>(keys);
        more.put(kid, key);
        return new SigningKeys(currentKeyId, more);
    }

    /** The id of a secret: the first 8 lowercase hex digits of the SHA-256 of its UTF-8 bytes. */
    public static String keyIdOf(String secret) {
        checkSecret(secret);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** The id of the key that signs new URLs. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Ids of every key that verifies, the current one included. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    SecretKeySpec currentKey() {
        return keys.get(currentKeyId);
    }

    /** The key with this id, or null when it is not (or no longer) known. */
    SecretKeySpec key(String keyId) {
        return keys.get(keyId);
    }

    private static SecretKeySpec secretKey(String secret) {
        checkSecret(secret);
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private static void checkSecret(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            // Never include the secret itself in the message: it may end up in a log.
            throw new IllegalArgumentException("a URL-signing secret must have at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
    }

    @Override
    public String toString() {
        return "SigningKeys[current=" + currentKeyId + ", ids=" + keys.keySet() + "]";
    }
}
