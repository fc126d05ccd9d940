package org.seqvault.store.fs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.UploadPart;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.presign.SigningKeys;
import org.seqvault.service.presign.UrlSigner;

/** Shared fixtures: a signer, deterministic bytes, and whole-blob reads. */
final class TestBlobs {
    static final UrlSigner SIGNER = new UrlSigner(SigningKeys.of("test signing secret, 32 bytes.."));
    static final String BASE_URL = "http://127.0.0.1:8080";

    private TestBlobs() {
    }

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static UploadPart write(BlobStore store, String uploadId, int partNumber, byte[] content) throws IOException {
        return store.writePart(uploadId, partNumber, new ByteArrayInputStream(content), Long.MAX_VALUE, true);
    }

    static byte[] readAll(BlobStore store, String blobId) throws IOException {
        try (BlobStore.BlobReader reader = store.open(blobId)) {
            return read(reader, 0, reader.size());
        }
    }

    static byte[] read(BlobStore.BlobReader reader, long offset, long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.transferTo(offset, length, Channels.newChannel(out));
        return out.toByteArray();
    }

    static Checksums checksumsOf(byte[]... pieces) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (byte[] piece : pieces) {
            md5.update(piece);
            sha256.update(piece);
        }
        return new Checksums(HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha256.digest()));
    }

    static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }
}
