package org.seqvault.server.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How sevenbridges-python cuts a file into parts (UPartedFile.get_parts): N = ceil(size /
 * part size) parts, but a part whose end lands on the last byte is stretched to the end. So
 * when size % part size == 1, part N-1 is one byte longer and part N is empty.
 */
final class ClientParts {
    record Part(int number, long from, long to) {
        byte[] bytes(byte[] content) {
            return Arrays.copyOfRange(content, (int) from, (int) to);
        }
    }

    private ClientParts() {
    }

    static List<Part> split(long size, long partSize) {
        long total = Math.max(1, (size + partSize - 1) / partSize);
        List<Part> parts = new ArrayList<>();
        long start = 0;
        for (int i = 1; i <= total; i++) {
            long end = start + partSize;
            if (end >= size - 1) {
                end = size;
            }
            parts.add(new Part(i, start, end));
            start = end;
        }
        return parts;
    }

    /** The part report body the client POSTs after each PUT. */
    static Map<String, Object> report(int partNumber, String etag) {
        return Map.of("part_number", partNumber, "response", Map.of("headers", Map.of("ETag", etag)));
    }
}
