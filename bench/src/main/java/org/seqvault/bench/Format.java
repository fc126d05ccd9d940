package org.seqvault.bench;

import java.util.Locale;

final class Format {
    private Format() {
    }

    /** "2 GiB", "256 MiB", "4 KiB". */
    static String bytes(long n) {
        if (n >= Scale.GIB && n % Scale.GIB == 0) {
            return n / Scale.GIB + " GiB";
        }
        if (n >= Scale.MIB && n % Scale.MIB == 0) {
            return n / Scale.MIB + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return n / 1024 + " KiB";
        }
        return n + " B";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
