package org.seqvault.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * How fast one core of this machine computes MD5 and SHA-256 with the JDK's implementations
 * (what the server uses): the ceiling for any upload that must know both digests at confirm,
 * since MD5 cannot be split across cores.
 */
final class HashRates {
    private HashRates() {
    }

    /**
     * GB/s of one run of {@code algorithm} over 256 MiB (after a short warm-up): taken between the
     * timed uploads, so the ceiling and what is held against it see the machine at the same moment.
     */
    static double once(String algorithm) throws NoSuchAlgorithmException {
        byte[] chunk = new byte[1 << 20];
        new SplittableRandom(1).nextBytes(chunk);
        MessageDigest d = MessageDigest.getInstance(algorithm);
        for (int i = 0; i < 32; i++) {
            d.update(chunk);
        }
        d.reset();
        long start = System.nanoTime();
        for (int i = 0; i < 256; i++) {
            d.update(chunk);
        }
        d.digest();
        return 256.0 * chunk.length / BenchContext.seconds(start) / 1e9;
    }

    /**
     * GB/s of MD5 over 256 MiB while SHA-256 hashes other bytes on a second thread, as the server
     * runs them: what one core's MD5 keeps when the other core is busy too (shared caches, memory
     * bandwidth, the hypervisor).
     */
    static double md5BesideSha256() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sha = Thread.ofPlatform().daemon().start(() -> {
            try {
                byte[] chunk = new byte[1 << 20];
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                while (!stop.get()) {
                    d.update(chunk);
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return once("MD5");
        } finally {
            stop.set(true);
            sha.join();
        }
    }
}
