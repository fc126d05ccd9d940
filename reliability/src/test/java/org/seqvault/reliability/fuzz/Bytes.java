package org.seqvault.reliability.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Turns fuzzer bytes into request parts. The first byte of an input picks what is attacked
 * ('0' the first target, '1' the second, …), the rest is the payload, so regression inputs are
 * plain text files a person can write.
 */
final class Bytes {
    private static final String HEX = "0123456789ABCDEF";

    private Bytes() {
    }

    static byte[] of(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static int selector(byte[] input, int choices) {
        return input.length == 0 ? 0 : Math.floorMod(input[0] - '0', choices);
    }

    static byte[] payload(byte[] input) {
        return input.length <= 1 ? new byte[0] : Arrays.copyOfRange(input, 1, input.length);
    }

    /**
     * Bytes fit for a request target: structure characters and valid escapes stay as the fuzzer
     * made them, anything else is percent-encoded. So "a=1&b=%2e%2e" arrives as written, and a
     * raw space or CR cannot split the request line.
     */
    static byte[] target(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length; i++) {
            int c = raw[i] & 0xff;
            boolean escape = c == '%' && i + 2 < raw.length && hex(raw[i + 1]) && hex(raw[i + 2]);
            if (escape || (c > 0x20 && c < 0x7f && c != '%' && c != '#')) {
                out.write(c);
            } else {
                out.write('%');
                out.write(HEX.charAt(c >> 4));
                out.write(HEX.charAt(c & 0xf));
            }
        }
        return out.toByteArray();
    }

    /** Bytes fit for one header value: no CR or LF (which would end it), anything else as sent. */
    static byte[] headerValue(byte[] raw) {
        byte[] out = raw.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\r' || out[i] == '\n') {
                out[i] = ' ';
            }
        }
        return out;
    }

    private static boolean hex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
