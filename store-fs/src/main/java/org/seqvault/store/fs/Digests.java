package org.seqvault.store.fs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.seqvault.domain.Checksums;

/** Fresh MD5 and SHA-256 digests, and their hex form. */
final class Digests {
    private Digests() {
    }

    static MessageDigest md5() {
        return digest("MD5");
    }

    static MessageDigest sha256() {
        return digest("SHA-256");
    }

    static Checksums checksums(MessageDigest md5, MessageDigest sha256) {
        return new Checksums(HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha256.digest()));
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides " + algorithm, e);
        }
    }
}
