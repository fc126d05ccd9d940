package org.seqvault.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The URL-signing secret: configured, or generated once and kept in data/signing.key with mode 600. */
final class SigningKeyFile {
    private SigningKeyFile() {
    }

    static String resolve(String configured, Path dataDir) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = dataDir.resolve("signing.key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException e) {
                // Another process created it first; use theirs.
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }
}
