package org.seqvault.service.presign;

import java.nio.charset.StandardCharsets;

/**
 * The server's own routes for presigned blob access. The store that signs the URLs and the
 * handler that verifies them both build paths here, so they agree byte for byte.
 */
public final class BlobPaths {
    /** {@code PUT /_blob/up/{uploadId}/{partNumber}}: the bytes of one upload part. */
    public static final String PART_UPLOAD_PREFIX = "/_blob/up/";
    /** {@code GET /_blob/dl/{fileId}/{fileName}}: one file's bytes, served under that file name. */
    public static final String DOWNLOAD_PREFIX = "/_blob/dl/";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private BlobPaths() {
    }

    public static String partUpload(String uploadId, int partNumber) {
        if (partNumber < 1) {
            throw new IllegalArgumentException("partNumber must be at least 1: " + partNumber);
        }
        return PART_UPLOAD_PREFIX + segment(uploadId) + "/" + partNumber;
    }

    /** The file name is part of the signed path, so nobody can change the name the download is served under. */
    public static String download(String fileId, String fileName) {
        return DOWNLOAD_PREFIX + segment(fileId) + "/" + segment(fileName);
    }

    /**
     * One path segment in RFC 3986 normal form: unreserved characters as they are, every
     * other UTF-8 byte as upper-case {@code %XX}. That form survives clients and proxies
     * unchanged, which matters because the signature covers the raw path.
     */
    public static String segment(String value) {
        if (value == null || value.isEmpty() || value.equals(".") || value.equals("..")) {
            // Empty, "." and ".." segments would be collapsed by path normalisation on the way in.
            throw new IllegalArgumentException("a path segment must not be empty, '.' or '..': " + value);
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
