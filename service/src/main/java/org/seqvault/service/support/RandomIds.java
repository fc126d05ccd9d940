package org.seqvault.service.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.seqvault.service.port.IdGenerator;

/** Ids from a CSPRNG. Object ids start with the time in seconds, so they sort roughly by creation. */
public final class RandomIds implements IdGenerator {
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private final SecureRandom random = new SecureRandom();

    @Override
    public String objectId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        int seconds = (int) (System.currentTimeMillis() / 1000);
        b[0] = (byte) (seconds >>> 24);
        b[1] = (byte) (seconds >>> 16);
        b[2] = (byte) (seconds >>> 8);
        b[3] = (byte) seconds;
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String prefixed(String prefix) {
        StringBuilder s = new StringBuilder(prefix);
        for (int i = 0; i < 16; i++) {
            s.append(BASE32[random.nextInt(32)]);
        }
        return s.toString();
    }

    @Override
    public String secret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return "svt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
