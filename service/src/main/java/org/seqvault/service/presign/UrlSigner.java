package org.seqvault.service.presign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/**
 * Signs and verifies the server's own presigned URLs. The signature is HMAC-SHA256 over
 * {@code METHOD\nPATH\nEXP\nKID}, where PATH is the raw (still percent-encoded) request path,
 * so a URL grants exactly one method on exactly one path until its expiry.
 *
 * <p>Thread-safe: a fresh {@link Mac} is made per call.
 */
public final class UrlSigner {
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    /** Canonical decimal only: "0123" must not verify where "123" was signed. */
    private static final Pattern EXP = Pattern.compile("0|[1-9][0-9]{0,18}");
    /** 32 bytes in unpadded base64url are exactly 43 characters. */
    private static final Pattern SIG = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;

    public UrlSigner(SigningKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Signs {@code method} on {@code path} until {@code expires} (rounded down to the second).
     *
     * @param path the raw path exactly as the client will send it: starting with '/',
     *             percent-encoded, without query or fragment
     */
    public SignedQuery sign(String method, String path, Instant expires) {
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("method must be upper-case letters: " + method);
        }
        if (!isSignablePath(path)) {
            throw new IllegalArgumentException("path must start with '/' and hold only printable ASCII without"
                    + " '?' or '#': " + path);
        }
        long exp = Objects.requireNonNull(expires, "expires").getEpochSecond();
        if (exp < 0) {
            throw new IllegalArgumentException("expires must not be before 1970: " + expires);
        }
        String kid = keys.currentKeyId();
        String sig = signature(keys.currentKey(), method, path, Long.toString(exp), kid);
        return new SignedQuery(exp, kid, sig);
    }

    /**
     * Checks a presigned request and returns normally only when it is genuine and not yet
     * expired (a URL is valid strictly before its {@code exp} second).
     *
     * @param method  the request's method
     * @param rawPath the request's path as received, before percent-decoding
     * @param exp     the {@code exp} query parameter (null when absent)
     * @param kid     the {@code kid} query parameter (null when absent)
     * @param sig     the {@code sig} query parameter (null when absent)
     * @throws UserException BAD_SIGNATURE when a parameter is missing or malformed, the key is
     *                       unknown, the signature does not match, or the URL has expired
     */
    public void verify(String method, String rawPath, String exp, String kid, String sig, Instant now) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(now, "now");
        requirePresent(exp, "exp");
        requirePresent(kid, "kid");
        requirePresent(sig, "sig");
        if (!EXP.matcher(exp).matches()) {
            throw rejected("its exp parameter is not a number of seconds");
        }
        long expSeconds;
        try {
            expSeconds = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            throw rejected("its exp parameter is not a number of seconds");
        }
        if (!SIG.matcher(sig).matches()) {
            throw rejected("its sig parameter is malformed");
        }
        SecretKeySpec key = keys.key(kid);
        if (key == null) {
            throw rejected("it was signed with an unknown key");
        }
        if (!isSignablePath(rawPath) || !METHOD.matcher(method).matches()) {
            throw rejected("the signature does not match");
        }
        // Comparing the canonical text form also rejects non-canonical base64 spellings of the same bytes.
        byte[] expected = signature(key, method, rawPath, exp, kid).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
            throw rejected("the signature does not match");
        }
        // Checked after the signature so that "expired" is only ever said of a genuine URL.
        if (now.getEpochSecond() >= expSeconds) {
            throw new UserException(Problem.BAD_SIGNATURE, "URL expired; request a new presigned URL");
        }
    }

    private static String signature(SecretKeySpec key, String method, String path, String exp, String kid) {
        String canonical = method + '\n' + path + '\n' + exp + '\n' + kid;
        try {
            Mac mac = Mac.getInstance(SigningKeys.ALGORITHM);
            mac.init(key);
            return BASE64URL.encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides " + SigningKeys.ALGORITHM, e);
        }
    }

    /** A raw path cannot carry anything that would blur the line structure of the canonical string. */
    private static boolean isSignablePath(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '?' || c == '#') {
                return false;
            }
        }
        return true;
    }

    private static void requirePresent(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw rejected("it lacks the " + name + " parameter");
        }
    }

    private static UserException rejected(String why) {
        return new UserException(Problem.BAD_SIGNATURE, "presigned URL rejected: " + why
                + "; use the URL exactly as it was handed out");
    }
}
